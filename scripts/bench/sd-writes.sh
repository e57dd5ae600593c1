#!/usr/bin/env bash
# Bytes anima writes to its SD card a day, measured at the block layer at the real cadence (one draw() a second, no
# virtual clock): the data directory on a fresh ext4 file system in a loop device, ext4's own lifetime write counter
# read before and after a run of DURATION seconds, extrapolated to a day. The panel goes to a simulator transport
# outside the measured file system (on a Pi it is the SPI bus, not the card). Needs root (losetup, mount).
#   scripts/bench/sd-writes.sh [DURATION_SECONDS] [anima binary]
set -euo pipefail
duration=${1:-600}
anima=${2:-.build/release/anima}
[ "$(id -u)" -eq 0 ] || { echo "sd-writes: needs root (loop device and mount)" >&2; exit 1; }
[ -x "$anima" ] || { echo "sd-writes: $anima not found (swift build -c release --product anima)" >&2; exit 1; }

work=$(mktemp -d /tmp/anima-sd-writes.XXXXXX)
image=$work/card.img
mountpoint=$work/card
panel=$work/panel
mkdir -p "$mountpoint" "$panel"
truncate -s 1G "$image"
mkfs.ext4 -q -F "$image"
loop=$(losetup --find --show "$image")
cleanup() {
    [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    umount "$mountpoint" 2>/dev/null || true
    losetup -d "$loop" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
# The mount options Raspberry Pi OS uses for its root (ext4 defaults with noatime).
mount -o noatime "$loop" "$mountpoint"
counter=/sys/fs/ext4/$(basename "$loop")/lifetime_write_kbytes
data=$mountpoint/anima

# A creature first, so the run measured is a steady one (no birth, no first migrations).
"$anima" run --board simulator --data-dir "$data" --transport "simulator:$panel" --clock-step 1 --marks 30 \
    --anima 0.41,0.82,0.89,0.83 >/dev/null 2>&1
sync
before=$(cat "$counter")
"$anima" run --board simulator --data-dir "$data" --transport "simulator:$panel" --anima 0.41,0.82,0.89,0.83 \
    >"$work/run.log" 2>&1 &
pid=$!
sleep "$duration"
kill -TERM "$pid"
wait "$pid" || true
pid=
sync
after=$(cat "$counter")
written=$(( after - before ))
marks=$(grep -o 'stopping: .*; [0-9]* marks' "$work/run.log" | grep -o '[0-9]* marks' | head -n 1 || true)
per_day=$(( written * 86400 / duration ))
echo "sd-writes: $written KiB in $duration s at the real cadence (${marks:-? marks}), incl. one stop"
echo "sd-writes: $(( per_day / 1024 )) MiB/day ($per_day KiB/day) at the block layer (ext4 lifetime_write_kbytes, $(basename "$loop"))"
