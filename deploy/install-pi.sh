#!/usr/bin/env bash
# Installs Anima on a Raspberry Pi running Raspberry Pi OS (Debian 12 or 13, arm64).
# Idempotent: every step checks before it changes anything. --dry-run prints every action and changes nothing.
#
#   sudo deploy/install-pi.sh --deb ./anima_<version>_arm64.deb --board adafruit-braincraft-hat [--rotation 0]
#   sudo deploy/install-pi.sh --binary ./anima --board adafruit-braincraft-hat [--rotation 0] [--dry-run]
# A Python anima-mcp on the Pi is stopped and its creature adopted first (deploy/migrate-from-python.sh).
# With --deb, the package brings the binary, user, groups, data directory, boards and unit; this script then
# only picks the board. With --binary (built on the Pi), it does every step itself.
set -euo pipefail

usage() {
    cat <<USAGE
usage: install-pi.sh (--deb PATH | --binary PATH) --board NAME [--rotation DEG] [--boards-dir DIR] [--root DIR] [--dry-run]
  --deb PATH        the anima_<version>_arm64.deb from \`make pi\` (installed with apt)
  --binary PATH     the anima executable built for this Pi (see docs/deploy.md)
  --board NAME      the board or HAT (\`anima boards\` lists them)
  --rotation DEG    0, 90, 180 or 270 (default: the board's)
  --boards-dir DIR  board files to install (default: boards/ beside this script's repository)
  --root DIR        install under DIR instead of / (for testing the script)
  --dry-run         print every action, change nothing
USAGE
}

dry_run=0
binary=""
deb=""
board=""
rotation=""
root=""
repo_dir=$(cd "$(dirname "$0")/.." && pwd)
boards_dir="$repo_dir/boards"

while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --deb) deb="$2"; shift 2 ;;
        --board) board="$2"; shift 2 ;;
        --rotation) rotation="$2"; shift 2 ;;
        --boards-dir) boards_dir="$2"; shift 2 ;;
        --root) root="$2"; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install-pi: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

[ -n "$board" ] || { echo "install-pi: --board is required (\`anima boards\` lists them)" >&2; exit 2; }
if [ -n "$deb" ]; then
    [ -z "$binary" ] || { echo "install-pi: give --deb or --binary, not both" >&2; exit 2; }
    case "$deb" in /*|./*|../*) ;; *) deb="./$deb" ;; esac  # apt treats a bare name as a package name
else
    [ -n "$binary" ] || { echo "install-pi: --deb (the .deb from make pi) or --binary (the anima executable built for this Pi) is required" >&2; exit 2; }
fi
if [ -n "$rotation" ]; then
    case "$rotation" in 0|90|180|270) ;; *) echo "install-pi: --rotation must be 0, 90, 180 or 270, got '$rotation'" >&2; exit 2 ;; esac
fi

# Every change goes through `act`: printed always, executed unless --dry-run.
act() {
    echo "+ $*"
    if [ "$dry_run" -eq 0 ]; then "$@"; fi
}

# A Pi that runs the Python anima-mcp: stop it and adopt its creature (deploy/migrate-from-python.sh; nothing if absent).
migrate_python() {
    "$repo_dir/deploy/migrate-from-python.sh" --anima "$1" ${root:+--root "$root"} $([ "$dry_run" -eq 1 ] && echo --dry-run)
}

if [ "$dry_run" -eq 0 ]; then
    [ "$(id -u)" -eq 0 ] || { echo "install-pi: run as root (sudo), or use --dry-run to see the actions" >&2; exit 1; }
    if [ -n "$deb" ]; then
        [ -f "$deb" ] || { echo "install-pi: $deb is not a file" >&2; exit 1; }
    else
        [ -x "$binary" ] || { echo "install-pi: $binary is not an executable file" >&2; exit 1; }
    fi
fi

mode_note=""
[ "$dry_run" -eq 1 ] && mode_note=" [dry run: nothing is changed]"
echo "== Anima install (board $board${rotation:+, rotation $rotation})$mode_note"

if [ -n "$deb" ]; then
    # The package does steps 1, 2, 4 and 6 (postinst: user, groups, data directory, SPI/I2C, enabled unit).
    act apt-get install -y "$deb"
    migrate_python anima
    flash_args=(flash --board "$board" --boards-dir "$root/usr/share/anima/boards" --root "$root/")
    [ -n "$rotation" ] && flash_args+=(--rotation "$rotation")
    act anima "${flash_args[@]}"
    echo "== done. Reboot if SPI/I2C were just enabled; then: sudo systemctl start anima; journalctl -u anima -f"
    exit 0
fi

# 1. Runtime packages: libgpiod (1.6 on Debian 12: libgpiod2; 2.x on Debian 13: libgpiod3), SQLite, zlib, gpiod tools.
arch=$(dpkg --print-architecture 2>/dev/null || echo unknown)
[ "$arch" = "arm64" ] || echo "note: this machine is $arch; Anima's Pi build is arm64"
gpiod_lib=libgpiod2
if apt-cache show libgpiod3 >/dev/null 2>&1; then gpiod_lib=libgpiod3; fi
runtime_packages=("$gpiod_lib" gpiod libsqlite3-0 zlib1g)
missing=()
for package in "${runtime_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    act apt-get update -qq
    act apt-get install -y -qq "${missing[@]}"
else
    echo "= runtime packages present: ${runtime_packages[*]}"
fi

# 2. The anima system user, in the groups that own the GPIO, SPI, I2C and framebuffer device nodes: the unit's
# SupplementaryGroups (deploy/anima.service, the one list the .deb's postinst reads too).
unit_file="$repo_dir/deploy/anima.service"
read -r -a unit_groups <<< "$(sed -n 's/^SupplementaryGroups=//p' "$unit_file")"
[ ${#unit_groups[@]} -gt 0 ] || { echo "install-pi: $unit_file names no SupplementaryGroups" >&2; exit 1; }
if id anima >/dev/null 2>&1; then
    echo "= user anima exists"
else
    act useradd --system --home-dir /var/lib/anima --shell /usr/sbin/nologin anima
fi
for group in "${unit_groups[@]}"; do
    if ! getent group "$group" >/dev/null; then act groupadd --system "$group"; fi
    if id -nG anima 2>/dev/null | tr ' ' '\n' | grep -qx "$group"; then
        echo "= anima is in $group"
    else
        act usermod -aG "$group" anima
    fi
done

# 3. SPI and I2C in the firmware configuration (takes effect after a reboot).
config_txt="$root/boot/firmware/config.txt"
[ -f "$config_txt" ] || config_txt="$root/boot/config.txt"
needs_reboot=0
for line in "dtparam=spi=on" "dtparam=i2c_arm=on"; do
    if [ -f "$config_txt" ] && grep -qx "$line" "$config_txt"; then
        echo "= $line already in $config_txt"
    else
        echo "+ append '$line' to $config_txt"
        [ "$dry_run" -eq 1 ] || echo "$line" >> "$config_txt"
        needs_reboot=1
    fi
done

# 4. The binary, the board files, the data directory.
act install -D -m 0755 "$binary" "$root/usr/local/bin/anima"
act install -d -m 0755 "$root/usr/share/anima/boards"
for file in "$boards_dir"/*; do
    [ -f "$file" ] && act install -m 0644 "$file" "$root/usr/share/anima/boards/"
done
act install -d -m 0750 -o anima -g anima "$root/var/lib/anima"

migrate_python "$root/usr/local/bin/anima"

# 5. Board and driver configuration (+ panel-mipi-dbi firmware) through the same code the runtime uses.
flash_args=(flash --board "$board" --boards-dir "$root/usr/share/anima/boards" --root "$root/")
[ -n "$rotation" ] && flash_args+=(--rotation "$rotation")
act "$root/usr/local/bin/anima" "${flash_args[@]}"

# 6. The service: the .deb's unit, with ExecStart where step 4 put the binary.
echo "+ install $unit_file as $root/etc/systemd/system/anima.service (ExecStart=/usr/local/bin/anima)"
if [ "$dry_run" -eq 0 ]; then
    install -d "$root/etc/systemd/system"
    sed 's|^ExecStart=/usr/bin/anima |ExecStart=/usr/local/bin/anima |' "$unit_file" > "$root/etc/systemd/system/anima.service"
    chmod 0644 "$root/etc/systemd/system/anima.service"
    grep -q '^ExecStart=/usr/local/bin/anima ' "$root/etc/systemd/system/anima.service" \
        || { echo "install-pi: $unit_file has no 'ExecStart=/usr/bin/anima ' line to point at /usr/local/bin" >&2; exit 1; }
fi
if [ -z "$root" ]; then
    act systemctl daemon-reload
    act systemctl enable anima.service
fi

echo "== done"
if [ "$needs_reboot" -eq 1 ]; then
    echo "SPI/I2C were enabled in $config_txt: reboot (sudo reboot) before starting anima."
else
    echo "Start it with: sudo systemctl start anima; follow it with: journalctl -u anima -f"
fi
