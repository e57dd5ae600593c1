#!/bin/sh
# Build (once) and reuse the roots `make pi` needs, all under $PI_DIR (.pi/ by default):
#   sid-amd64/                      compiler root: swiftlang 6.2.3 (amd64), ld.lld, aarch64 binutils
#   sid-amd64/opt/swift-arm64/      the arm64 swiftlang runtime of the same version (static stdlib)
#   sid-amd64/opt/sysroot-bookworm-arm64/   bookworm arm64 with the -dev packages we link against
#   bookworm-arm64/, trixie-arm64/  clean minbase roots for the smoke test (with `smoke`)
#   sid-amd64/opt/sid-arm64/        sysroot and run root of the arm64 test bundle (with `test`)
# Usage: scripts/pi/roots.sh [build] [smoke] [test]
. "$(dirname "$0")/common.sh"
mkdir -p "$PI_DIR"
pi_need_host_tools

build_root() {
    [ -e "$BUILD_ROOT/.pi-ready" ] && return 0
    # Measured: the root ends at 3.0 GB; unpacking swiftlang needs its 0.85 GB of downloads beside it, and the
    # sysroot, smoke roots and arm64 build take 1.3 GB more.
    pi_need_disk 5500 "the compiler root, sysroot and arm64 build (make pi)"
    pi_debootstrap amd64 sid "$BUILD_ROOT"
    pi_log "installing swiftlang in the sid amd64 root"
    set -f; pi_slim_dpkg "$BUILD_ROOT" $SWIFT_UNUSED_PATHS; set +f
    # sid's Release file is past Valid-Until on the archive we reach; it is still signed.
    # Of the arm64 swiftlang only the target's runtime and modules are kept (static for `make pi`, shared for
    # `make pi-test`): its compiler, debugger and tools are arm64 programs the x86 build never runs (~2 GB).
    pi_chroot "$BUILD_ROOT" sh -ec '
        apt="apt-get -q -o Acquire::Check-Valid-Until=false"
        dpkg --add-architecture arm64
        $apt update >/dev/null
        $apt install -y --no-install-recommends swiftlang libc6-dev binutils-aarch64-linux-gnu git ca-certificates >/dev/null
        $apt clean
        version=$(dpkg-query -W -f "\${Version}" swiftlang)
        cd /tmp && rm -f swiftlang_*arm64.deb
        $apt download "swiftlang:arm64=$version" >/dev/null
        rm -rf '"$A64_SWIFT"' && mkdir -p '"$A64_SWIFT"'
        lib=./usr/libexec/swift/lib
        dpkg-deb --fsys-tarfile swiftlang_*_arm64.deb | tar -x -C '"$A64_SWIFT"' \
            --exclude=$lib/swift/embedded --exclude=$lib/swift_static/embedded --exclude=$lib/swift/host \
            $lib/swift $lib/swift_static $lib/clang
        rm -f swiftlang_*arm64.deb && $apt clean
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
    pi_slim_dpkg "$SYSROOT"
    pi_chroot "$SYSROOT" sh -ec "apt-get -q update >/dev/null && apt-get -q install -y --no-install-recommends $SYSROOT_DEV_PACKAGES >/dev/null && apt-get clean"
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

# `make pi-test`: the arm64 test bundle needs the shared Swift runtime (libswiftlang, built against sid's glibc 2.42),
# so it is linked against and run in a sid arm64 root with the same libswiftlang — one directory, seen from the build
# root as the sysroot and entered with chroot (qemu) to run the tests. The build root gets the arm64 shared runtime too.
test_root() {
    [ -e "$TEST_ROOT/.pi-ready" ] && return 0
    build_root
    [ -d "$TEST_ROOT" ] || {
        pi_log "debootstrap sid arm64 -> $TEST_ROOT (a few minutes, once)"
        rm -rf "$TEST_ROOT.tmp"
        debootstrap --arch=arm64 --variant=minbase --no-check-gpg sid "$TEST_ROOT.tmp" "$DEBIAN_MIRROR" \
            >"$PI_DIR/debootstrap-sid-arm64.log" 2>&1 || pi_die "debootstrap sid arm64 failed; see $PI_DIR/debootstrap-sid-arm64.log"
        mv "$TEST_ROOT.tmp" "$TEST_ROOT"
    }
    pi_log "installing libswiftlang and the test dependencies in the sid arm64 root: $TEST_ROOT_PACKAGES"
    pi_slim_dpkg "$TEST_ROOT"
    pi_chroot "$TEST_ROOT" sh -ec "apt-get -q -o Acquire::Check-Valid-Until=false update >/dev/null \
        && apt-get -q install -y --no-install-recommends $TEST_ROOT_PACKAGES >/dev/null && apt-get clean"
    fix_absolute_links "$TEST_ROOT" "$TEST_ROOT_IN_BUILD_ROOT"
    # swiftc links with SDK/usr/lib/swift/linux/aarch64/swiftrt.o and the runtime beside it.
    ln -sfn "$A64_SWIFT/usr/libexec/swift/lib/swift" "$TEST_ROOT/usr/lib/swift"
    pi_chroot "$BUILD_ROOT" sh -ec '
        version=$(dpkg-query -W -f "\${Version}" swiftlang)
        cd /tmp && rm -f libswiftlang_*arm64.deb
        apt-get -q -o Acquire::Check-Valid-Until=false download "libswiftlang:arm64=$version" >/dev/null
        dpkg-deb --fsys-tarfile libswiftlang_*_arm64.deb | tar -x -C '"$A64_SWIFT"' --exclude=./usr/share
        rm -f libswiftlang_*arm64.deb'
    touch "$TEST_ROOT/.pi-ready"
}

[ $# -eq 0 ] && set -- build
for what in "$@"; do
    case $what in
        build) build_root; sysroot ;;
        smoke) smoke_roots ;;
        test) test_root ;;
        *) pi_die "unknown part '$what' (build, smoke, test)" ;;
    esac
done
