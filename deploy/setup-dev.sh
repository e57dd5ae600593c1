#!/usr/bin/env bash
# Installs the Debian packages Anima needs, and only those that are missing. Idempotent: a second run installs nothing.
#   deploy/setup-dev.sh run    what building and running the creature needs (`make run`, `make demo`)
#   deploy/setup-dev.sh test   that, plus the governance host's libpq and a PostgreSQL server for the tests (`make test`)
set -euo pipefail

profile=${1:-test}
# zlib1g-dev: PNG compression for drawings and the simulator (already on most Debian systems).
packages=(libsqlite3-dev pkg-config zlib1g-dev)
case "$profile" in
    run) ;;
    test) packages+=(gpiod libgpiod2 libpq-dev postgresql chromium) ;;
    *) echo "setup-dev: unknown profile '$profile'; use 'run' or 'test'" >&2; exit 64 ;;
esac

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "setup-dev: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup-dev: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# The postgresql package starts a stock cluster on 5432; tests never use it (they start their own).
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-dev: done"
