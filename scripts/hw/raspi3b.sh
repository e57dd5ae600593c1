#!/bin/sh
# make hw-test, arm64: the installed anima on QEMU's Raspberry Pi 3 model (raspi3b) with Debian's trixie arm64 kernel
# and its own bcm2837-rpi-3-b.dtb (edited with dtc: SPI0 on with spidev on CE0/CE1 and no DMA, i2c aliases), so
# the real Pi drivers answer: pinctrl-bcm2835, spi-bcm2835 + spidev, i2c-bcm2835 + i2c-dev.
# Checks, each failing the run:
#   - the GPIO chip labelled pinctrl-bcm2835 is there and the board's lines are held with consumer "anima";
#   - `anima display test --transport hardware` puts on the emulated SPI bus exactly the bytes its trace transport
#     writes (QEMU trace m25p80_transfer on an n25q128 flash on the bus; D/C from the guest's ftrace), byte for byte;
#   - the board's sensors (at24c-eeprom stand-ins: BMP280 0x77, AHT20 0x38, VEML7700 0x10) are found and converted.
. "$(dirname "$0")/common.sh"
deb=${HW_DEB:-$(ls "$DIST_DIR"/anima_*_arm64.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] || hw_die "no dist/anima_*_arm64.deb: run make pi first"
x86=${X86_ANIMA:-$REPO_ROOT/.build/debug/anima}
[ -x "$x86" ] || hw_die "no x86 anima at $x86 (the trace reference): run swift build first"
"$REPO_ROOT/scripts/hw/tools.sh"
work=$HW_DIR/raspi3b
rm -rf "$work" && mkdir -p "$work/initrd"
hw_need_disk 600 "the raspi3b initramfs"
started=$(date +%s)
board=adafruit-braincraft-hat

# The reference bytes: the same display test through the trace transport, on x86 (make pi-smoke shows arm64's
# trace is identical to x86's).
(cd "$work" && "$x86" display test --board $board --boards-dir "$REPO_ROOT/boards" --transport trace:reference.trace >/dev/null) \
    || hw_die "the x86 reference display test failed"
python3 "$REPO_ROOT/scripts/hw/sensors.py" images "$work" >/dev/null
cp "$deb" "$work/anima.deb"

# Kernel, device tree and initramfs, made in the tool root (dtc, cpio, xz).
hw_tool sh -ec '
    work=/hw/raspi3b; debs=/hw/debs/arm64; root=$work/initrd
    kpkg=$(cat $debs/kernel-package)
    mkdir -p $work/kernel
    dpkg-deb -x $debs/${kpkg}_*_arm64.deb $work/kernel
    version=${kpkg#linux-image-}; version=${version%-unsigned}
    cp $work/kernel/boot/vmlinuz-$version $work/vmlinuz
    dtb=$(find $work/kernel/usr/lib -name bcm2837-rpi-3-b.dtb | head -n 1)
    [ -n "$dtb" ] || { echo "no bcm2837-rpi-3-b.dtb in $kpkg" >&2; exit 1; }
    dtc -q -I dtb -O dts -o $work/rpi3b.dts "$dtb"
    cat /src/scripts/hw/guest/rpi3b-anima.dtsi >> $work/rpi3b.dts
    dtc -q -I dts -O dtb -o $work/rpi3b-anima.dtb $work/rpi3b.dts
    # The userland: trixie arm64 packages unpacked, then the .deb under test.
    for p in $debs/*.deb; do case $p in */linux-image-*) ;; *) dpkg-deb -x "$p" $root ;; esac; done
    dpkg-deb -x $work/anima.deb $root
    # Modules: the SPI and I2C drivers (spidev and pinctrl-bcm2835 are built in) with what they depend on (modinfo;
    # the package has no modules.dep before depmod), decompressed for busybox insmod.
    mdir=$work/kernel/usr/lib/modules/$version
    mkdir -p $root/etc $root/lib/hw-modules && : > $root/etc/hw-modules
    want="spi-bcm2835 i2c-bcm2835 i2c-dev"
    add() {
        grep -qx "/lib/hw-modules/$1.ko" $root/etc/hw-modules && return 0
        file=$(grep -E "(^|/)$(echo $1 | sed "s/[-_]/[-_]/g")\.ko$" $mdir/modules.order | head -n 1)
        [ -n "$file" ] || { echo "no module $1 in $kpkg" >&2; return 1; }
        for dep in $(modinfo -F depends $mdir/$file.xz | tr , " "); do add $dep; done
        xz -dc $mdir/$file.xz > $root/lib/hw-modules/$1.ko
        echo /lib/hw-modules/$1.ko >> $root/etc/hw-modules
    }
    for m in $want; do add $m; done
    echo "modules: $(cat $root/etc/hw-modules | tr "\n" " ")"
    # Debian arm64 keeps libraries in /usr/lib/aarch64-linux-gnu and the loader at /lib/ld-linux-aarch64.so.1.
    # (merged /usr, as a debootstrapped trixie has it: what an unpacked package put in /bin goes to /usr/bin).
    for d in bin sbin lib; do
        mkdir -p $root/usr/$d
        if [ -d $root/$d ] && [ ! -L $root/$d ]; then cp -a $root/$d/. $root/usr/$d/ && rm -rf $root/$d; fi
        [ -e $root/$d ] || ln -s usr/$d $root/$d
    done
    cp /src/scripts/hw/guest/init-raspi3b.sh $root/init && chmod 0755 $root/init
    rm -rf $root/usr/share/doc $root/usr/share/man $root/usr/share/locale
    (cd $root && find . | cpio -o -H newc --quiet) > $work/initrd.cpio
    echo "initramfs: $(du -m $work/initrd.cpio | cut -f1) MiB"
' >&2 || hw_die "making the raspi3b kernel, device tree or initramfs failed (output above)"

# Boot. Serial console to a file; QEMU's trace of every SPI byte the flash sees, and of I2C traffic.
sensors="-device at24c-eeprom,bus=i2c-bus.1,address=0x77,drive=bmp280,rom-size=512,address-size=1 -drive if=none,id=bmp280,format=raw,file=/hw/raspi3b/bmp280.bin
  -device at24c-eeprom,bus=i2c-bus.1,address=0x38,drive=aht20,rom-size=512,address-size=1 -drive if=none,id=aht20,format=raw,file=/hw/raspi3b/aht20.bin
  -device at24c-eeprom,bus=i2c-bus.1,address=0x10,drive=veml,rom-size=512,address-size=1 -drive if=none,id=veml,format=raw,file=/hw/raspi3b/veml7700.bin"
boot_timeout=${HW_BOOT_TIMEOUT:-900}
hw_log "booting raspi3b (timeout ${boot_timeout} s)"
: > "$work/console.log"
rm -f "$work/qemu.pid"
(hw_tool timeout "$boot_timeout" qemu-system-aarch64 -M raspi3b -accel tcg -m 1G -nographic -monitor none \
    -pidfile /hw/raspi3b/qemu.pid \
    -serial file:/hw/raspi3b/console.log \
    -kernel /hw/raspi3b/vmlinuz -dtb /hw/raspi3b/rpi3b-anima.dtb -initrd /hw/raspi3b/initrd.cpio \
    -append "console=ttyAMA0 rdinit=/init panic=-1 quiet loglevel=4" \
    -device n25q128,bus=spi -trace m25p80_transfer,file=/hw/raspi3b/spi.trace $sensors \
    > "$work/qemu.log" 2>&1; echo $? > "$work/qemu.rc") &
qemu_job=$!
elapsed=0
while ! grep -q '^HW-DONE' "$work/console.log" 2>/dev/null; do
    [ -e "$work/qemu.rc" ] && break
    sleep 2; elapsed=$((elapsed + 2))
done
# The model cannot power off: stop this QEMU (its own pid file) once the guest has said it is done.
[ -s "$work/qemu.pid" ] && kill "$(cat "$work/qemu.pid")" 2>/dev/null || true
wait $qemu_job || true
grep -q '^HW-DONE' "$work/console.log" || { tail -n 40 "$work/console.log" >&2; cat "$work/qemu.log" >&2; hw_die "the emulated Pi did not finish (console above, $work/console.log)"; }
hw_log "raspi3b booted and ran its checks in $(( $(date +%s) - started )) s"
python3 "$REPO_ROOT/scripts/hw/check-raspi3b.py" "$work" "$REPO_ROOT/boards/$board.yaml"
