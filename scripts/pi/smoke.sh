#!/bin/sh
# Installs dist/anima_<version>_arm64.deb with apt in clean bookworm and trixie arm64 minbase roots (qemu-user)
# (after checking the .deb's anima.service: scripts/pi/check-unit.sh) and checks it against the x86 build (.build/debug/anima): --version, `anima boards`, `anima simulate --seed N`
# (drawing_history equal to 1e-9) and `anima display test --transport trace:FILE` (identical bytes).
# Exits non-zero on any difference. The clean roots are cached in .pi/; each run works on a throwaway copy.
. "$(dirname "$0")/common.sh"
x86=${X86_ANIMA:-$REPO_ROOT/.build/debug/anima}
[ -x "$x86" ] || pi_die "no x86 anima at $x86: run swift build --build-tests first"
deb=$(ls "$DIST_DIR"/anima_*_arm64.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || pi_die "no dist/anima_*_arm64.deb: run make pi first"
# The unit as the .deb ships it: the lines a Pi needs, then systemd-analyze verify with the package's binary in place.
"$REPO_ROOT/scripts/pi/check-unit.sh" "$deb" || pi_die "the .deb's anima.service failed its checks (above)"
"$REPO_ROOT/scripts/pi/roots.sh" smoke
seed=${SMOKE_SEED:-7}
work=$PI_DIR/smoke
rm -rf "$work" && mkdir -p "$work/x86"
failures=0
fail() { echo "smoke: FAIL ($suite): $*" >&2; failures=$((failures + 1)); }

# The reference: the same commands on x86.
(cd "$work/x86" && "$x86" simulate --seed "$seed" --drawings 3 --db x86.db >/dev/null \
    && "$x86" display test --board adafruit-braincraft-hat --boards-dir "$REPO_ROOT/boards" --transport trace:x86.trace >/dev/null) \
    || pi_die "the x86 reference run failed"
"$x86" boards --boards-dir "$REPO_ROOT/boards" > "$work/x86/boards.txt"

for suite in $SMOKE_SUITES; do
    started=$(date +%s)
    failures_before=$failures
    root=$work/$suite
    pi_need_disk 800 "the $suite smoke root (a copy of the clean root, with the .deb installed)"
    cp -a "$PI_DIR/$suite-arm64" "$root"
    cp "$deb" "$root/tmp/anima.deb"
    if ! pi_chroot "$root" sh -ec 'apt-get -q update >/dev/null && apt-get -q install -y /tmp/anima.deb >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }'; then
        fail "apt install ./$(basename "$deb") failed"; continue
    fi
    version=$(pi_chroot "$root" anima --version) || fail "anima --version failed"
    [ "$version" = "$("$x86" --version)" ] || fail "version '$version' differs from x86 '$("$x86" --version)'"
    pi_chroot "$root" anima boards > "$root/tmp/boards.txt" || fail "anima boards failed"
    diff -u "$work/x86/boards.txt" "$root/tmp/boards.txt" >&2 || fail "anima boards lists differently"
    pi_chroot "$root" sh -ec "cd /tmp && anima simulate --seed $seed --drawings 3 --db arm64.db >/dev/null" || fail "anima simulate failed"
    python3 "$REPO_ROOT/scripts/pi/compare-history.py" "$work/x86/x86.db" "$root/tmp/arm64.db" || fail "drawing_history differs"
    pi_chroot "$root" sh -ec "cd /tmp && anima display test --board adafruit-braincraft-hat --transport trace:arm64.trace >/dev/null" \
        || fail "anima display test failed"
    cmp "$work/x86/x86.trace" "$root/tmp/arm64.trace" || fail "display test trace bytes differ"
    pi_log "smoke $suite: done in $(( $(date +%s) - started )) s"
    # A passed root is only disk (~450 MB); a failed one stays for a look.
    [ "$failures" -eq "$failures_before" ] && rm -rf "$root"
done
[ "$failures" -eq 0 ] || pi_die "$failures smoke check(s) failed"
pi_log "smoke: the arm64 .deb installs and matches x86 on $SMOKE_SUITES"
