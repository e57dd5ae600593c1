# Shared settings for `make hw-test` (scripts/hw/): sourced by its scripts. Everything downloaded or built lives in
# $HW_DIR (.hw/, gitignored) and is reused when present; delete it to start over. Debian packages only.
set -eu
REPO_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HW_DIR=${HW_DIR:-$REPO_ROOT/.hw}
DIST_DIR=${DIST_DIR:-$REPO_ROOT/dist}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# The tool root: trixie amd64 has QEMU 10 (bookworm's 7.2 has no BCM2835 SPI or I2C model) and dtc. The host's apt
# sources are left alone; the tools run chrooted.
TOOL_ROOT=$HW_DIR/trixie-amd64
TOOL_PACKAGES="qemu-system-arm qemu-system-x86 device-tree-compiler cpio zstd xz-utils kmod ca-certificates"
# The arm64 userland of the emulated Pi: unpacked (dpkg-deb -x) trixie arm64 packages, no qemu-user needed.
ARM64_PACKAGES="libc6 libgcc-s1 libstdc++6 libsqlite3-0 zlib1g libgpiod3 gpiod busybox-static libzstd1 liblzma5 libcap2
  libselinux1 libpcre2-8-0 libcrypt1 i2c-tools sqlite3 libreadline8t64 libncursesw6 libtinfo6"

hw_log() { echo "hw: $*" >&2; }
hw_die() { echo "hw: error: $*" >&2; exit 1; }

# Fail early, naming the directory and both figures, when a step needs more free disk than there is.
hw_need_disk() {
    need_mib=$1 what=$2
    mkdir -p "$HW_DIR"
    free_mib=$(df -Pm "$HW_DIR" | awk 'NR == 2 { print $4 }')
    [ "$free_mib" -ge "$need_mib" ] \
        || hw_die "$what needs about $need_mib MiB free in $HW_DIR; $free_mib MiB are free (delete $HW_DIR to make room)"
}

# Run a command in the tool root with /proc, /dev and $HW_DIR (at /hw) mounted; unmounted on exit, also on failure.
hw_tool() {
    mounts=""
    mount -t proc proc "$TOOL_ROOT/proc"; mounts="$TOOL_ROOT/proc"
    mount --bind /dev "$TOOL_ROOT/dev"; mounts="$TOOL_ROOT/dev $mounts"
    mkdir -p "$TOOL_ROOT/hw" "$TOOL_ROOT/src"
    mount --bind "$HW_DIR" "$TOOL_ROOT/hw"; mounts="$TOOL_ROOT/hw $mounts"
    mount --bind -o ro "$REPO_ROOT" "$TOOL_ROOT/src"; mounts="$TOOL_ROOT/src $mounts"
    status=0
    LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive chroot "$TOOL_ROOT" "$@" || status=$?
    for m in $mounts; do umount "$m" || umount -l "$m"; done
    return $status
}
