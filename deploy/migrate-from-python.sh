#!/usr/bin/env bash
# Moves a Raspberry Pi from the Python anima-mcp to Anima without ending its creature.
#
# Finds the Python install (its systemd units: anima.service running anima-mcp, anima-broker, anima-watchdog,
# anima-restore, anima-broker-failed; its data directory from the unit's ANIMA_DB, else /home/*/.anima), stops and
# disables those units (the watchdog first, so it cannot restart the others), moves the Python anima.service out of
# /etc/systemd/system (Anima's unit has the same name), and adopts the creature into Anima's data directory with
# `anima adopt`. The Python data directory is only read: it stays as the backup. Prints how to go back.
# Idempotent; --dry-run prints every action and changes nothing. Called by install-pi.sh.
#
#   sudo deploy/migrate-from-python.sh [--from DIR] [--data-dir DIR] [--anima PATH] [--root DIR] [--dry-run]
set -euo pipefail

usage() {
    cat <<USAGE
usage: migrate-from-python.sh [--from DIR] [--data-dir DIR] [--anima PATH] [--root DIR] [--dry-run]
  --from DIR      the Python creature's directory (default: dirname of ANIMA_DB in its anima.service, else the one /home/*/.anima)
  --data-dir DIR  Anima's data directory (default /var/lib/anima)
  --anima PATH    the anima executable (default: anima on PATH)
  --root DIR      act on a system mounted at DIR instead of / (for testing the script)
  --dry-run       print every action, change nothing
Environment: SYSTEMCTL (default systemctl) is the command used to stop, disable and enable units.
USAGE
}

from=""
data_dir="/var/lib/anima"
anima="anima"
root=""
dry_run=0
while [ $# -gt 0 ]; do
    case "$1" in
        --from) from="$2"; shift 2 ;;
        --data-dir) data_dir="$2"; shift 2 ;;
        --anima) anima="$2"; shift 2 ;;
        --root) root="${2%/}"; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "migrate-from-python: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
systemctl_command=${SYSTEMCTL:-systemctl}

act() {
    echo "+ $*"
    if [ "$dry_run" -eq 0 ]; then "$@"; fi
}

units_dir="$root/etc/systemd/system"
backup_dir="$root/etc/anima/anima-mcp-units"
python_unit_names=(anima-watchdog.service anima-restore.service anima-broker-failed.service anima-broker.service anima.service)

# A unit is the Python one when it does not start Anima (`anima run`); Anima's own anima.service is left alone.
is_python_unit() {
    local file="$units_dir/$1"
    [ -f "$file" ] || return 1
    ! grep -Eq '^ExecStart=[^ ]*/anima run( |$)' "$file"
}

python_units=()
for unit in "${python_unit_names[@]}"; do
    if is_python_unit "$unit"; then python_units+=("$unit"); fi
done

if [ -z "$from" ]; then
    if is_python_unit anima.service; then
        database=$(sed -n 's/^Environment="\{0,1\}ANIMA_DB=\([^"]*\)"\{0,1\}$/\1/p' "$units_dir/anima.service" | tail -n 1)
        [ -n "$database" ] && from="$root$(dirname "$database")"
    fi
fi
if [ -z "$from" ]; then
    candidates=()
    for database in "$root"/home/*/.anima/anima.db "$root"/root/.anima/anima.db; do
        [ -f "$database" ] && candidates+=("$(dirname "$database")")
    done
    if [ ${#candidates[@]} -gt 1 ]; then
        echo "migrate-from-python: several Python creatures found (${candidates[*]}); choose one with --from DIR" >&2
        exit 2
    fi
    [ ${#candidates[@]} -eq 1 ] && from="${candidates[0]}"
fi
if [ -n "$from" ] && [ ! -f "$from/anima.db" ]; then
    echo "migrate-from-python: $from has no anima.db; give the Python creature's directory with --from DIR" >&2
    exit 2
fi

if [ ${#python_units[@]} -eq 0 ] && [ -z "$from" ]; then
    echo "= no Python anima-mcp install found (no anima-mcp units in $units_dir, no ~/.anima/anima.db)"
    exit 0
fi

mode_note=""
[ "$dry_run" -eq 1 ] && mode_note=" [dry run: nothing is changed]"
echo "== Python anima-mcp found${from:+: creature in $from}${python_units[*]:+; units ${python_units[*]}}$mode_note"

# 1. Stop and disable the Python services, the watchdog first (it restarts the others).
for unit in "${python_units[@]}"; do
    act "$systemctl_command" stop "$unit"
    act "$systemctl_command" disable "$unit"
done

# 2. Anima's unit is also called anima.service: keep the Python one as a backup outside systemd's search path.
if is_python_unit anima.service; then
    act install -d -m 0755 "$backup_dir"
    act mv "$units_dir/anima.service" "$backup_dir/anima.service"
    act "$systemctl_command" daemon-reload
fi

# 3. Adopt the creature. The source is only read; running this again adds only what the Python creature wrote since.
if [ -n "$from" ]; then
    act install -d -m 0750 "$root$data_dir"
    act "$anima" adopt --from "$from" --data-dir "$root$data_dir"
    if id anima >/dev/null 2>&1; then
        act chown -R anima:anima "$root$data_dir"
    fi
fi

# 4. Anima's own unit, if a package already installed it (install-pi.sh --binary installs and enables it afterwards).
for unit_file in "$root/usr/lib/systemd/system/anima.service" "$root/lib/systemd/system/anima.service"; do
    if [ -f "$unit_file" ]; then
        act "$systemctl_command" enable anima.service
        break
    fi
done

echo "== The Python creature's files in ${from:-(none)} were not changed: they are the backup."
echo "To go back to anima-mcp:"
echo "  sudo systemctl disable --now anima.service"
if [ -f "$backup_dir/anima.service" ] || is_python_unit anima.service; then
    echo "  sudo mv ${backup_dir#"$root"}/anima.service /etc/systemd/system/anima.service && sudo systemctl daemon-reload"
fi
[ ${#python_units[@]} -gt 0 ] && echo "  sudo systemctl enable --now ${python_units[*]}"
echo "(What Anima drew and felt after the switch stays in $data_dir; the Python creature resumes from where it stopped.)"
