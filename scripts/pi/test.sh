#!/bin/sh
# `make pi-test`: builds the test suite for arm64 (natively on x86, like `make pi`) and runs it under qemu in a sid
# arm64 root — every suite that needs neither PostgreSQL nor a browser. What a Pi runs, tested on the Pi's
# instruction set: the drawing engine's math, the display encoders and glass model, the GPIO/SPI/I2C code paths
# through their fakes, anima.db, the governance client, the CLI binaries (built for arm64, run under qemu).
# Usage: scripts/pi/test.sh [extra arguments for the test bundle, e.g. --filter AnimaDrawingTests]
. "$(dirname "$0")/common.sh"
"$REPO_ROOT/scripts/pi/roots.sh" build test
started=$(date +%s)
scratch=/src/.pi/build-arm64-tests
# Not run here: the host's suites (PostgreSQL), the suites that drive whole processes (the arm64 debug binaries under
# qemu take many minutes per run; `make pi-smoke` runs the release binary instead), and the two checks that an ioctl
# on /dev/null fails with ENOTTY — qemu-user answers ioctls it does not translate with ENOSYS, a Pi's kernel with
# ENOTTY.
skip=${PI_TEST_SKIP:-"GovernanceHostTests|EndToEndTests|RecorderCrashTests|AnimaCommandLineTests|AnimaVersionCommandTests|nonSPINodeFailsAtConfiguration|nonI2CNodeFailsAtTransfer"}

PI_MOUNT_SOURCE=1 pi_chroot "$BUILD_ROOT" sh -ec "
    cd /src
    export PATH=/usr/libexec/swift/bin:\$PATH
    # Debian's libswiftlang has no lib_Testing_Foundation.so, the Testing+Foundation cross-import overlay: not loaded.
    # pkg-config here would answer for the amd64 root; libpq's headers come from the arm64 root instead.
    export PKG_CONFIG_LIBDIR=$TEST_ROOT_IN_BUILD_ROOT/usr/lib/aarch64-linux-gnu/pkgconfig PKG_CONFIG_SYSROOT_DIR=$TEST_ROOT_IN_BUILD_ROOT
    swift build --build-tests --triple aarch64-unknown-linux-gnu --sdk $TEST_ROOT_IN_BUILD_ROOT \
        -Xswiftc -sdk -Xswiftc $TEST_ROOT_IN_BUILD_ROOT \
        -Xswiftc -resource-dir -Xswiftc $A64_SWIFT/usr/libexec/swift/lib/swift \
        -Xswiftc -use-ld=lld -Xlinker -rpath -Xlinker /usr/libexec/swift/lib/swift/linux \
        -Xcc -I$TEST_ROOT_IN_BUILD_ROOT/usr/include/postgresql \
        -Xswiftc -Xfrontend -Xswiftc -disable-cross-import-overlays \
        --scratch-path $scratch
" || pi_die "the arm64 test build failed (output above)"
built=$(date +%s)
pi_log "arm64 test build: $((built - started)) s"

bundle=$(ls -d "$REPO_ROOT"/.pi/build-arm64-tests/aarch64-unknown-linux-gnu/debug/*PackageTests.xctest 2>/dev/null | head -n 1)
[ -n "$bundle" ] || pi_die "no arm64 test bundle under .pi/build-arm64-tests"
bundle_in_root=/src${bundle#"$REPO_ROOT"}
status=0
PI_MOUNT_SOURCE=1 pi_chroot "$TEST_ROOT" sh -ec "
    cd /src
    export LD_LIBRARY_PATH=/usr/libexec/swift/lib/swift/linux
    $bundle_in_root --testing-library swift-testing --skip '$skip' $*
" || status=$?
pi_log "arm64 tests under qemu: $(( $(date +%s) - built )) s (exit $status)"
exit $status
