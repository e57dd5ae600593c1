#!/bin/sh
# Build (once) and reuse the roots `make pi` needs, all under $PI_DIR (.pi/ by default):
#   sid-amd64/                      compiler root: swiftlang 6.2.3 (amd64), ld.lld, aarch64 binutils
#   sid-amd64/opt/swift-arm64/      the arm64 swiftlang runtime of the same version (static stdlib)
#   sid-amd64/opt/sysroot-bookworm-arm64/   bookworm arm64 with the -dev packages we link against
#   bookworm-arm64/, trixie-arm64/  clean minbase roots for the smoke test (with `smoke`)
# Usage: scripts/pi/roots.sh [build] [smoke]
. "$(dirname "$0")/common.sh"
mkdir -p "$PI_DIR"
pi_need_host_tools

build_root() {
    [ -e "$BUILD_ROOT/.pi-ready" ] && return 0
    pi_debootstrap amd64 sid "$BUILD_ROOT"
    pi_log "installing swiftlang in the sid amd64 root"
    # sid's Release file is past Valid-Until on the archive we reach; it is still signed.
    pi_chroot "$BUILD_ROOT" sh -ec '
        apt="apt-get -q -o Acquire::Check-Valid-Until=false"
        dpkg --add-architecture arm64
        $apt update >/dev/null
        $apt install -y --no-install-recommends swiftlang libc6-dev binutils-aarch64-linux-gnu git ca-certificates >/dev/null
        version=$(dpkg-query -W -f "\${Version}" swiftlang)
        cd /tmp && rm -f swiftlang_*arm64.deb
        $apt download "swiftlang:arm64=$version" >/dev/null
        rm -rf '"$A64_SWIFT"' && mkdir -p '"$A64_SWIFT"'
        dpkg-deb -x swiftlang_*_arm64.deb '"$A64_SWIFT"'
        rm -f swiftlang_*arm64.deb
        echo "swiftlang $version (amd64 compiler, arm64 runtime)"' >&2
    # SwiftPM inside the root resolves packages from the local mirror, like the host does.
    git config --system --list | grep '^url\.' | while IFS='=' read -r key value; do
        chroot "$BUILD_ROOT" git config --system --add "$key" "$value"
    done
    touch "$BUILD_ROOT/.pi-ready"
}

fix_absolute_links() {
    # $1: the sysroot on the host, $2: where the build root sees it. Links into /opt (ours) are left alone.
    find "$1" -xdev -type l -lname '/*' ! -lname '/opt/*' | while read -r link; do
        ln -sfn "$2$(readlink "$link")" "$link"
    done
}

sysroot() {
    [ -e "$SYSROOT/.pi-ready" ] && return 0
    pi_debootstrap arm64 bookworm "$PI_DIR/bookworm-arm64"
    pi_log "making the bookworm arm64 sysroot: $SYSROOT_DEV_PACKAGES"
    rm -rf "$SYSROOT"
    cp -a "$PI_DIR/bookworm-arm64" "$SYSROOT"
    pi_chroot "$SYSROOT" sh -ec "apt-get -q update >/dev/null && apt-get -q install -y --no-install-recommends $SYSROOT_DEV_PACKAGES >/dev/null"
    # Absolute symlinks (libm.so -> /lib/aarch64-linux-gnu/libm.so.6) would resolve into the amd64 build root and
    # dangle; the linker then silently takes libm.a instead. Point them inside the sysroot.
    fix_absolute_links "$SYSROOT" "$SYSROOT_IN_ROOT"
    # swiftc -static-stdlib looks for the static runtime in SDK/usr/lib/swift_static.
    ln -sfn "$A64_SWIFT/usr/libexec/swift/lib/swift_static" "$SYSROOT/usr/lib/swift_static"
    touch "$SYSROOT/.pi-ready"
}

smoke_roots() {
    for suite in $SMOKE_SUITES; do pi_debootstrap arm64 "$suite" "$PI_DIR/$suite-arm64"; done
}

[ $# -eq 0 ] && set -- build
for what in "$@"; do
    case $what in
        build) build_root; sysroot ;;
        smoke) smoke_roots ;;
        *) pi_die "unknown part '$what' (build, smoke)" ;;
    esac
done
