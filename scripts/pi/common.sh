# Shared settings for the Raspberry Pi (arm64) build: sourced by the scripts in scripts/pi/.
# Everything built here lives in $PI_DIR (gitignored) and is reused when present; delete it to rebuild.
set -eu
REPO_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PI_DIR=${PI_DIR:-$REPO_ROOT/.pi}
DIST_DIR=${DIST_DIR:-$REPO_ROOT/dist}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

# The compiler root: sid amd64 has swiftlang 6.2.3 for amd64 and arm64 (bookworm and trixie have none new enough).
BUILD_ROOT=$PI_DIR/sid-amd64
# The arm64 Swift runtime (same version as the compiler) is extracted inside the build root.
A64_SWIFT=/opt/swift-arm64
# Link against the oldest Debian we support (bookworm, glibc 2.36); the result also runs on trixie.
SYSROOT_IN_ROOT=/opt/sysroot-bookworm-arm64
SYSROOT=$BUILD_ROOT$SYSROOT_IN_ROOT
# The -dev packages the arm64 link needs, in one place. libgpiod-dev goes once the dlopen shim
# (libgpiod.so.3 or .so.2 at run time) has landed.
SYSROOT_DEV_PACKAGES=${SYSROOT_DEV_PACKAGES:-"libc6-dev libstdc++-12-dev libsqlite3-dev zlib1g-dev libgpiod-dev"}
# The arm64 test bundle's sysroot and run root (sid, for libswiftlang's glibc), inside the build root.
TEST_ROOT_IN_BUILD_ROOT=/opt/sid-arm64
TEST_ROOT=$BUILD_ROOT$TEST_ROOT_IN_BUILD_ROOT
TEST_ROOT_PACKAGES=${TEST_ROOT_PACKAGES:-"libswiftlang libc6-dev libstdc++-15-dev libsqlite3-dev zlib1g-dev libpq-dev libcurl4t64 libgpiod3 python3 openssl ca-certificates"}
# Parts of the amd64 swiftlang a cross build never uses: the debugger, editor services, doc and format tools and the
# embedded-target stdlibs (~1.3 GB of its ~2.7 GB). dpkg leaves them out, so they never take disk, even while unpacking.
SWIFT_UNUSED_PATHS="/usr/libexec/swift/lib/swift/embedded/* /usr/libexec/swift/lib/swift_static/embedded/*
  /usr/libexec/swift/lib/liblldb.so* /usr/libexec/swift/bin/lldb* /usr/libexec/swift/lib/libsourcekitdInProc.so
  /usr/libexec/swift/bin/sourcekit-lsp /usr/libexec/swift/bin/clangd /usr/libexec/swift/bin/docc
  /usr/libexec/swift/bin/swift-format /usr/libexec/swift/bin/wasmkit"
# Clean minbase roots the smoke test installs the .deb into.
SMOKE_SUITES=${SMOKE_SUITES:-"bookworm trixie"}

pi_log() { echo "pi: $*" >&2; }
pi_die() { echo "pi: error: $*" >&2; exit 1; }

# qemu-user runs arm64 programs in the roots; binfmt_misc is not mounted by default on our machines.
pi_need_host_tools() {
    missing=""
    for tool in debootstrap:debootstrap qemu-aarch64-static:qemu-user-static update-binfmts:binfmt-support \
                dpkg-deb:dpkg; do
        command -v "${tool%%:*}" >/dev/null 2>&1 || missing="$missing ${tool#*:}"
    done
    if [ -n "$missing" ]; then
        pi_log "installing$missing"
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null \
            || pi_die "could not install$missing (run as root with network access)"
    fi
    if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || pi_die "cannot mount binfmt_misc (needs root)"
    fi
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 \
        || pi_die "qemu-aarch64 is not registered with binfmt_misc: run update-binfmts --enable qemu-aarch64"
}

# Tell dpkg in a root to skip documentation, manuals, translations and any further paths given (globs) in every
# package it unpacks from now on.
# Callers pass the globs unquoted with globbing off (set -f), so they reach dpkg, not the host's file system.
pi_slim_dpkg() {
    root=$1; shift
    mkdir -p "$root/etc/dpkg/dpkg.cfg.d"
    set -f
    for path in /usr/share/doc/* /usr/share/man/* /usr/share/locale/* /usr/share/info/* "$@"; do
        echo "path-exclude=$path"
    done > "$root/etc/dpkg/dpkg.cfg.d/01-anima-slim"
    set +f
}

# Fail early, naming the directory and both figures, when a step needs more free disk than there is.
pi_need_disk() {
    need_mib=$1 what=$2
    mkdir -p "$PI_DIR"
    free_mib=$(df -Pm "$PI_DIR" | awk 'NR == 2 { print $4 }')
    [ "$free_mib" -ge "$need_mib" ] \
        || pi_die "$what needs about $need_mib MiB free in $PI_DIR; $free_mib MiB are free (delete $PI_DIR or .build to make room)"
}

# Run a command inside a root with /proc, /dev and (optionally) the repository and package mirror mounted.
# Mounts are undone on exit, also when the command fails.
pi_chroot() {
    root=$1; shift
    mounts=""
    mount -t proc proc "$root/proc"; mounts="$root/proc"
    mount --bind /dev "$root/dev"; mounts="$root/dev $mounts"
    if [ -n "${PI_MOUNT_SOURCE:-}" ]; then
        mkdir -p "$root/src" "$root/opt/swift-packages"
        mount --bind "$REPO_ROOT" "$root/src"; mounts="$root/src $mounts"
        mount --bind -o ro /opt/swift-packages "$root/opt/swift-packages"; mounts="$root/opt/swift-packages $mounts"
    fi
    status=0
    LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive chroot "$root" "$@" || status=$?
    for m in $mounts; do umount "$m" || umount -l "$m"; done
    return $status
}

# debootstrap into DIR.tmp and rename when complete, so an interrupted run never leaves a half root that looks cached.
pi_debootstrap() {
    arch=$1 suite=$2 dir=$3
    [ -d "$dir" ] && return 0
    pi_log "debootstrap $suite $arch -> $dir (a few minutes, once)"
    rm -rf "$dir.tmp"
    debootstrap --arch="$arch" --variant=minbase "$suite" "$dir.tmp" "$DEBIAN_MIRROR" >"$PI_DIR/debootstrap-$suite-$arch.log" 2>&1 \
        || pi_die "debootstrap $suite $arch failed; see $PI_DIR/debootstrap-$suite-$arch.log"
    mv "$dir.tmp" "$dir"
}
