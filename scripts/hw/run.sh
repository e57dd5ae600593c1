#!/bin/sh
# make hw-test: anima's hardware paths against a real Linux kernel, emulated with QEMU (TCG) from Debian packages.
# Targets (HW_TARGETS, default "raspi3b"): raspi3b = QEMU's Raspberry Pi 3 with Debian's arm64 kernel (scripts/hw/raspi3b.sh).
# Downloads and roots are cached in .hw/ (delete it to start over). Needs root, dist/anima_*_arm64.deb (make pi) and
# the x86 debug build (the trace reference).
. "$(dirname "$0")/common.sh"
started=$(date +%s)
hw_need_disk 3000 "make hw-test (tool root, kernel, initramfs)"
for target in ${HW_TARGETS:-raspi3b}; do
    "$REPO_ROOT/scripts/hw/$target.sh" || hw_die "$target failed (above)"
done
hw_log "hw-test passed (${HW_TARGETS:-raspi3b}) in $(( $(date +%s) - started )) s; .hw/ holds $(du -sm "$HW_DIR" | cut -f1) MiB"
