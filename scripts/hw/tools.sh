#!/bin/sh
# Makes (once) what `make hw-test` runs on, under $HW_DIR (.hw/):
#   trixie-amd64/   a minbase root with QEMU 10 (qemu-system-arm, -x86), dtc and cpio; run chrooted
#   debs/arm64/     trixie arm64 packages: the kernel (linux-image-*-arm64) and the emulated Pi's userland
# Bounded by timeouts; needs root and Debian's archive.
. "$(dirname "$0")/common.sh"
[ "$(id -u)" -eq 0 ] || hw_die "make hw-test needs root (debootstrap, chroot, mounts)"
command -v debootstrap >/dev/null 2>&1 || {
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null \
        || hw_die "could not install debootstrap"; }
if [ ! -e "$TOOL_ROOT/.hw-ready" ]; then
    hw_need_disk 2500 "the QEMU tool root and arm64 packages"
    hw_log "debootstrap trixie amd64 -> $TOOL_ROOT (once, a few minutes)"
    rm -rf "$TOOL_ROOT"
    timeout 900 debootstrap --variant=minbase trixie "$TOOL_ROOT" "$DEBIAN_MIRROR" >"$HW_DIR/debootstrap.log" 2>&1 \
        || hw_die "debootstrap trixie amd64 failed; see $HW_DIR/debootstrap.log"
    mkdir -p "$TOOL_ROOT/etc/dpkg/dpkg.cfg.d"
    printf 'path-exclude=/usr/share/doc/*\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/locale/*\n' \
        > "$TOOL_ROOT/etc/dpkg/dpkg.cfg.d/01-hw-slim"
    hw_tool sh -ec "
        dpkg --add-architecture arm64
        timeout 300 apt-get -q update >/dev/null
        timeout 900 apt-get -q install -y --no-install-recommends $TOOL_PACKAGES >/dev/null
        apt-get clean" || hw_die "installing $TOOL_PACKAGES in the tool root failed"
    touch "$TOOL_ROOT/.hw-ready"
fi
# The package list is the marker's content: a changed list downloads again.
packages=$(echo $ARM64_PACKAGES)
if [ "$(cat "$HW_DIR/debs/arm64/.hw-ready" 2>/dev/null)" != "$packages" ]; then
    hw_log "downloading the trixie arm64 kernel and userland packages"
    rm -rf "$HW_DIR/debs/arm64" && mkdir -p "$HW_DIR/debs/arm64"
    hw_tool sh -ec "
        cd /hw/debs/arm64
        timeout 300 apt-get -q update >/dev/null
        kernel=\$(apt-cache depends linux-image-arm64:arm64 | sed -n 's/.*Depends: \(linux-image-[0-9].*-arm64\(-unsigned\)\{0,1\}\).*/\1/p' | head -n 1)
        [ -n \"\$kernel\" ] || { echo 'no linux-image for arm64' >&2; exit 1; }
        echo \"\$kernel\" > kernel-package
        pkgs=\"\$kernel:arm64\"
        for p in $packages; do pkgs=\"\$pkgs \$p:arm64\"; done
        timeout 600 apt-get -q download \$pkgs >/dev/null" || hw_die "downloading the arm64 packages failed"
    echo "$packages" > "$HW_DIR/debs/arm64/.hw-ready"
fi
hw_log "tools: $(hw_tool qemu-system-aarch64 --version | head -n 1); kernel $(cat "$HW_DIR/debs/arm64/kernel-package")"
