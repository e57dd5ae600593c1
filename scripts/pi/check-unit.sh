#!/bin/sh
# Checks anima.service as it is shipped: the lines a Pi needs (no restart loop on a bad setting, every device group,
# every device class the board may open, the framebuffer included), then `systemd-analyze verify` (Debian's systemd)
# with the package's own /usr/bin/anima in place.
#   scripts/pi/check-unit.sh --lines UNIT   the line checks only (the repository's deploy/anima.service in make test)
#   scripts/pi/check-unit.sh DEB            the unit and binary from the built .deb: lines, then systemd-analyze verify
# Exits non-zero naming each missing line or each verify complaint.
set -eu

# One required line per row: what the unit must say, and why (printed when it is missing).
required_lines() {
    cat <<'LINES'
Type=notify|the run loop reports ready and pings the watchdog
User=anima|the package's system user
ExecStart=/usr/bin/anima run --data-dir /var/lib/anima|the .deb's binary and data directory
RestartPreventExitStatus=64 78|a bad flag (64) or setting (78) must not restart every 5 s
SupplementaryGroups=gpio spi i2c video|the groups owning /dev/gpiochip*, /dev/spidev*, /dev/i2c-*, /dev/fb*
DevicePolicy=closed|only the devices allowed below
DeviceAllow=char-gpiochip rw|GPIO lines (D/C, reset, buttons, LEDs)
DeviceAllow=char-spi rw|SPI panels
DeviceAllow=char-i2c rw|I2C panels and sensors
DeviceAllow=char-fb rw|the kernel display path's framebuffer
KillSignal=SIGTERM|the clean stop: history, canvas and outbox flushed
LINES
}

check_lines() {
    unit=$1 missing=0
    [ -f "$unit" ] || { echo "check-unit: no unit at $unit" >&2; return 1; }
    while IFS='|' read -r line why; do
        if ! grep -qxF "$line" "$unit"; then
            echo "check-unit: $unit lacks '$line' ($why)" >&2
            missing=$((missing + 1))
        fi
    done <<EOF
$(required_lines)
EOF
    [ "$missing" -eq 0 ] || return 1
    echo "check-unit: $unit has every required line"
}

if [ "${1:-}" = "--lines" ]; then
    check_lines "${2:?usage: check-unit.sh --lines UNIT}"
    exit
fi
deb=${1:?usage: check-unit.sh DEB | --lines UNIT}
[ -f "$deb" ] || { echo "check-unit: no package at $deb" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/pkg"
unit=$work/pkg/usr/lib/systemd/system/anima.service
check_lines "$unit"

# systemd-analyze checks ExecStart's binary exists: lay the package's /usr/bin over the host's in a private mount
# namespace (overlayfs, nothing on the host changes), then verify the unit file exactly as the .deb holds it.
command -v systemd-analyze >/dev/null || { echo "check-unit: systemd-analyze is missing (Debian's systemd package)" >&2; exit 1; }
mkdir -p "$work/upper" "$work/overlay-work"
cp -a "$work/pkg/usr/bin/." "$work/upper/"
out=$(unshare -m sh -ec "
    mount -t overlay overlay -o lowerdir=/usr/bin,upperdir=$work/upper,workdir=$work/overlay-work /usr/bin
    systemd-analyze verify '$unit' 2>&1" ) || { echo "$out" >&2; echo "check-unit: systemd-analyze verify failed on the .deb's unit" >&2; exit 1; }
# verify exits 0 on warnings (an unknown key, a typo in a section name): any output is a problem.
if [ -n "$out" ]; then
    echo "$out" >&2
    echo "check-unit: systemd-analyze verify complained about the .deb's unit (above)" >&2
    exit 1
fi
echo "check-unit: systemd-analyze verify (systemd $(systemd-analyze --version | sed -n '1s/^systemd \([0-9]*\).*/\1/p')) accepts the .deb's anima.service"
