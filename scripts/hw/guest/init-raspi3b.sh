#!/bin/busybox sh
# /init of the emulated Raspberry Pi 3 (QEMU raspi3b, Debian's arm64 kernel): loads the SPI/I2C modules, then runs
# the checks `scripts/hw/raspi3b.sh` reads back from the console between "HW-BEGIN name" and "HW-END name" lines.
# The model cannot power off: "HW-DONE" tells the harness to stop QEMU.
/bin/busybox mkdir -p /proc /sys /dev /tmp /run
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev
/bin/busybox mount -t tmpfs tmpfs /tmp
/bin/busybox mount -t tmpfs tmpfs /run
/bin/busybox --install -s /usr/local/bin
export PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
# No RTC in the model: a date after the build keeps TLS-free tools and SQLite timestamps sane.
date -s "2026-12-08 00:00:00" >/dev/null
section() { name=$1; shift; echo "HW-BEGIN $name"; "$@" 2>&1; echo "HW-END $name rc=$?"; }
for module in $(cat /etc/hw-modules); do insmod "$module" || echo "hw-guest: insmod $module failed"; done
for node in /dev/spidev0.0 /dev/i2c-1 /dev/gpiochip0; do
    i=0; while [ ! -e "$node" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
done
section devices sh -c 'ls /dev/spidev* /dev/i2c-* /dev/gpiochip*; cat /sys/kernel/debug/gpio | grep -i gpiochip'
section gpiodetect gpiodetect
board=adafruit-braincraft-hat
cd /tmp
# The display test on the real SPI controller, with D/C and the SPI transfers recorded by ftrace.
t=/sys/kernel/tracing
echo 0 > $t/tracing_on; echo > $t/trace; echo 4096 > $t/buffer_size_kb
echo 1 > $t/events/gpio/gpio_value/enable; echo 1 > $t/events/spi/spi_transfer_start/enable
echo 1 > $t/tracing_on
section display-hardware anima display test --board $board --transport hardware
echo 0 > $t/tracing_on
section ftrace sh -c "grep -E 'gpio_value|spi_transfer_start' $t/trace | sed -E 's/.*(gpio_value|spi_transfer_start): //; s/ tx=.*//'"
section display-trace sh -c "anima display test --board $board --transport trace:/tmp/guest.trace >/dev/null && sha256sum /tmp/guest.trace"
# The creature itself for a while: its lines held as consumer anima, the sensors found and converted.
mkdir -p /tmp/anima
anima run --board $board --transport hardware --data-dir /tmp/anima --seed 7 >/tmp/run.log 2>&1 &
pid=$!
sleep ${HW_RUN_SECONDS:-25}
section gpioinfo gpioinfo
kill -TERM $pid; wait $pid; echo "run exit $?" >> /tmp/run.log
section run-log cat /tmp/run.log
section sensors sqlite3 /tmp/anima/anima.db "SELECT sensors FROM state_history ORDER BY rowid DESC LIMIT 1"
echo HW-DONE
sleep 3600
