#!/bin/sh
# Cross-compiles the `anima` product for arm64 natively on x86 (no qemu in the compile): the sid amd64 root's
# swiftlang 6.2.3 targets aarch64-unknown-linux-gnu with the arm64 runtime of the same version and a bookworm
# arm64 sysroot, links the Swift runtime statically, checks glibc symbol versions, strips -> dist/anima.
# Usage: scripts/pi/build.sh [swift build arguments...]   (default: -c release --product anima)
. "$(dirname "$0")/common.sh"
"$REPO_ROOT/scripts/pi/roots.sh" build
[ $# -eq 0 ] && set -- -c release --product anima
mkdir -p "$PI_DIR" "$DIST_DIR"
started=$(date +%s)

# Everything below runs inside the build root, where the repository is mounted at /src.
cross="--triple aarch64-unknown-linux-gnu --sdk $SYSROOT_IN_ROOT --static-swift-stdlib \
  -Xswiftc -sdk -Xswiftc $SYSROOT_IN_ROOT -Xswiftc -resource-dir -Xswiftc $A64_SWIFT/usr/libexec/swift/lib/swift_static -Xswiftc -use-ld=lld \
  -Xlinker /src/.pi/glibc-compat.o --scratch-path /src/.pi/build-arm64"
PI_MOUNT_SOURCE=1 pi_chroot "$BUILD_ROOT" sh -ec "
    cd /src
    export PATH=/usr/libexec/swift/bin:$PATH
    clang --target=aarch64-linux-gnu --sysroot=$SYSROOT_IN_ROOT -O2 -fPIC -c scripts/pi/glibc-compat.c -o .pi/glibc-compat.o
    swift build $cross $*
" || pi_die "the arm64 build failed (output above)"
echo "$cross" > "$PI_DIR/cross-flags"

case " $* " in *" --product anima "*) ;; *) exit 0 ;; esac
binary=$PI_DIR/build-arm64/aarch64-unknown-linux-gnu/release/anima
[ -x "$binary" ] || pi_die "no arm64 binary at $binary"

# Bookworm has glibc 2.36: any reference to a newer symbol version would fail to load there.
too_new=$(PI_MOUNT_SOURCE=1 pi_chroot "$BUILD_ROOT" aarch64-linux-gnu-objdump -T "/src/.pi/build-arm64/aarch64-unknown-linux-gnu/release/anima" \
    | grep -oE 'GLIBC_2\.(3[7-9]|[4-9][0-9])[^ ]* +[^ ]+$' | sort -u || true)
if [ -n "$too_new" ]; then
    echo "$too_new" >&2
    pi_die "the arm64 anima needs symbols newer than bookworm's glibc 2.36 (above); add forwards to scripts/pi/glibc-compat.c"
fi
PI_MOUNT_SOURCE=1 pi_chroot "$BUILD_ROOT" aarch64-linux-gnu-strip -o /src/dist/anima \
    /src/.pi/build-arm64/aarch64-unknown-linux-gnu/release/anima || pi_die "strip failed"
pi_log "dist/anima: $(du -k "$DIST_DIR/anima" | cut -f1) KiB stripped (built in $(( $(date +%s) - started )) s)"
