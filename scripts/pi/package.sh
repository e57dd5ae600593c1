#!/bin/sh
# Packages dist/anima (from scripts/pi/build.sh) as dist/anima_<version>_arm64.deb with dpkg-deb, then lints it.
# Contents: /usr/bin/anima, the systemd unit, board and panel files, bash/zsh/fish completions, /etc/anima/anima.toml
# (a conffile), maintainer scripts from deploy/debian/. Depends are derived from the binary's NEEDED entries.
. "$(dirname "$0")/common.sh"
binary=$DIST_DIR/anima
[ -x "$binary" ] || pi_die "no $binary: run scripts/pi/build.sh (or make pi) first"
version=$("$REPO_ROOT/scripts/version.sh" --deb)
deb=$DIST_DIR/anima_${version}_arm64.deb
stage=$PI_DIR/deb-stage
rm -rf "$stage" && mkdir -p "$stage/DEBIAN"

# Each shared library the binary needs -> the package that provides it on BOTH bookworm and trixie
# (trixie renamed libcurl4 to libcurl4t64 for the 64-bit time_t transition; it Provides libcurl4 (= version)).
# An unknown soname fails the build rather than shipping a package that cannot load.
depends=""
needed=$(PI_MOUNT_SOURCE=1 pi_chroot "$BUILD_ROOT" aarch64-linux-gnu-objdump -p /src/dist/anima | awk '/NEEDED/ {print $2}')
for soname in $needed; do
    case $soname in
        libc.so.6|libm.so.6|libdl.so.2|libpthread.so.0|librt.so.1|ld-linux-aarch64.so.1|libutil.so.1) dep="libc6 (>= 2.36)" ;;
        libstdc++.so.6) dep="libstdc++6 (>= 12)" ;;
        libgcc_s.so.1) dep="libgcc-s1" ;;
        libsqlite3.so.0) dep="libsqlite3-0 (>= 3.40)" ;;
        libz.so.1) dep="zlib1g" ;;
        libcurl.so.4) dep="libcurl4 | libcurl4t64" ;;
        libgpiod.so.2) dep="libgpiod2" ;;
        libgpiod.so.3) dep="libgpiod3" ;;
        *) pi_die "dist/anima needs $soname, which scripts/pi/package.sh does not map to a Debian package; add it" ;;
    esac
    case ", $depends, " in *", $dep, "*) ;; *) depends="${depends:+$depends, }$dep" ;; esac
done
# libgpiod is dlopen()ed (v2 on Trixie, v1 on Bookworm), so no NEEDED entry names it; every real board needs it.
depends="$depends, libgpiod3 | libgpiod2"
# libcurl is dlopen()ed by the governance client (CAnimaCurl): libcurl4 on Bookworm, libcurl4t64 on Trixie.
case ", $depends, " in *", libcurl4 | libcurl4t64, "*) ;; *) depends="$depends, libcurl4 | libcurl4t64" ;; esac

install -D -m 0755 "$binary" "$stage/usr/bin/anima"
# The one unit, also what deploy/install-pi.sh installs (with ExecStart in /usr/local/bin).
install -D -m 0644 "$REPO_ROOT/deploy/anima.service" "$stage/usr/lib/systemd/system/anima.service"
install -D -m 0644 "$REPO_ROOT/deploy/debian/anima.toml" "$stage/etc/anima/anima.toml"
install -d "$stage/usr/share/anima/boards" "$stage/usr/share/anima/panels"
for file in "$REPO_ROOT"/boards/*.yaml; do install -m 0644 "$file" "$stage/usr/share/anima/boards/"; done
for file in "$REPO_ROOT"/Drivers/panels/*; do [ -f "$file" ] && install -m 0644 "$file" "$stage/usr/share/anima/panels/"; done
install -D -m 0644 "$REPO_ROOT/docs/deploy.md" "$stage/usr/share/doc/anima/deploy.md"
install -D -m 0644 "$REPO_ROOT/docs/migrating.md" "$stage/usr/share/doc/anima/migrating.md"
# From the Python anima-mcp: stop its services and adopt its creature (docs/migrating.md).
install -D -m 0755 "$REPO_ROOT/deploy/migrate-from-python.sh" "$stage/usr/lib/anima/migrate-from-python.sh"

# Completions come from the binary itself (swift-argument-parser), run under qemu against the sysroot's libraries.
run_arm64() { qemu-aarch64-static -L "$SYSROOT" "$binary" "$@"; }
install -d "$stage/usr/share/bash-completion/completions" "$stage/usr/share/zsh/vendor-completions" \
    "$stage/usr/share/fish/vendor_completions.d" "$stage/usr/share/man/man1"
run_arm64 --generate-completion-script bash > "$stage/usr/share/bash-completion/completions/anima"
run_arm64 --generate-completion-script zsh > "$stage/usr/share/zsh/vendor-completions/_anima"
run_arm64 --generate-completion-script fish > "$stage/usr/share/fish/vendor_completions.d/anima.fish"
"$REPO_ROOT/scripts/pi/manpage.sh" "qemu-aarch64-static -L $SYSROOT $binary" | gzip -9n > "$stage/usr/share/man/man1/anima.1.gz"

cat > "$stage/usr/share/doc/anima/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: anima
Files: *
Copyright: the Anima authors
License: MIT
COPYRIGHT
printf 'anima (%s) unstable; urgency=medium\n\n  * Built from %s.\n\n -- Anima maintainers <anima@users.noreply.github.com>  %s\n' \
    "$version" "$("$REPO_ROOT/scripts/version.sh")" "$(date -R -u)" | gzip -9n > "$stage/usr/share/doc/anima/changelog.gz"
chmod 0644 "$stage/usr/share/doc/anima/copyright" "$stage/usr/share/doc/anima/changelog.gz"
# The board files are YAML, read with Yams, which compiles libyaml in; Swift links its packages statically, so there
# is no shared libyaml to use instead.
install -D -m 0644 /dev/stdin "$stage/usr/share/lintian/overrides/anima" <<'OVERRIDES'
anima: embedded-library libyaml [usr/bin/anima]
OVERRIDES

for script in postinst prerm postrm; do install -m 0755 "$REPO_ROOT/deploy/debian/$script" "$stage/DEBIAN/$script"; done
echo /etc/anima/anima.toml > "$stage/DEBIAN/conffiles"
size_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: anima
Version: $version
Architecture: arm64
Maintainer: Anima maintainers <anima@users.noreply.github.com>
Installed-Size: $size_kib
Depends: adduser, $depends
Recommends: gpiod
Section: misc
Priority: optional
Homepage: https://github.com/anima/anima
Description: small creature that draws on a Raspberry Pi display
 Anima drives an SPI or I2C display on a Raspberry Pi, keeps its state in
 SQLite under /var/lib/anima and syncs summaries to a governance host.
 Pick a board with "sudo anima flash --board NAME", then
 "sudo systemctl start anima".
CONTROL
rm -f "$DIST_DIR"/anima_*_arm64.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
pi_log "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB; Depends: adduser, $depends"
if command -v lintian >/dev/null 2>&1; then
    lintian --no-tag-display-limit "$deb" > "$PI_DIR/lintian.txt" 2>&1 || true
    if grep -q '^E:' "$PI_DIR/lintian.txt"; then cat "$PI_DIR/lintian.txt" >&2; pi_die "lintian found errors (above)"; fi
    pi_log "lintian: no errors ($(grep -c '^W:' "$PI_DIR/lintian.txt") warnings in .pi/lintian.txt)"
fi
