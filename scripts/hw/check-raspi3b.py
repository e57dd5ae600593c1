#!/usr/bin/env python3
"""Reads back what the emulated Pi 3 did (scripts/hw/raspi3b.sh) and checks it; exit 1 naming every failure.

  check-raspi3b.py WORK BOARD.yaml

WORK holds console.log (the guest's sections, "HW-BEGIN name" … "HW-END name rc=N"), spi.trace (QEMU's
m25p80_transfer: one line per byte clocked out on SPI0) and reference.trace (the x86 trace transport's file).
"""
import hashlib
import json
import re
import struct
import subprocess
import sys
import os

import yaml

work, board_file = sys.argv[1], sys.argv[2]
failures = []


def fail(message):
    failures.append(message)
    print(f"hw: FAIL (raspi3b): {message}", file=sys.stderr)


def sections(text):
    found, name, lines = {}, None, []
    for line in text.splitlines():
        line = line.rstrip("\r")
        begin = re.match(r"^HW-BEGIN (\S+)$", line)
        end = re.match(r"^HW-END (\S+) rc=(\d+)$", line)
        if begin:
            name, lines = begin.group(1), []
        elif end and name == end.group(1):
            found[name] = (int(end.group(2)), lines)
            name = None
        elif name:
            lines.append(line)
    return found


def trace_records(path):
    data = open(path, "rb").read()
    assert data[:8] == b"ANMTRC01", f"{path}: not an anima trace"
    offset, records = 8, []
    while offset < len(data):
        tag, length = data[offset], struct.unpack_from("<I", data, offset + 1)[0]
        records.append((chr(tag), data[offset + 5:offset + 5 + length]))
        offset += 5 + length
    return records


console = sections(open(os.path.join(work, "console.log"), errors="replace").read())
board = yaml.safe_load(open(board_file))

# 1. The header GPIO chip by its label.
rc, lines = console.get("gpiodetect", (None, []))
if not any("[pinctrl-bcm2835]" in line for line in lines):
    fail(f"gpiodetect lists no chip labelled pinctrl-bcm2835: {lines}")

# 2. Every line the board names is held by anima while it runs.
wanted = {"dc": board["pins"]["dc"]}
if isinstance(board["pins"].get("backlight"), dict):
    wanted["backlight"] = board["pins"]["backlight"]["gpio"]
for group in ("buttons", "joystick"):
    for role, pin in (board.get(group) or {}).items():
        wanted[f"{group}.{role}"] = pin
for role, pin in ((board.get("leds") or {}).get("apa102") or {}).items():
    if role in ("data", "clock"):
        wanted[f"leds.{role}"] = pin
rc, lines = console.get("gpioinfo", (None, []))
# gpioinfo's headers name chips ("gpiochip0 - 54 lines:"), gpiodetect maps names to labels.
labels = dict(re.findall(r"^(gpiochip\d+) \[([^\]]+)\]", "\n".join(console.get("gpiodetect", (None, []))[1]), re.M))
chip_lines, current = {}, ""
for line in lines:
    header = re.match(r"^(gpiochip\d+) - ", line)
    if header:
        current = labels.get(header.group(1), "")
        continue
    m = re.match(r"^\s*line\s+(\d+):\s*(.*)$", line)
    if m and current == "pinctrl-bcm2835":
        chip_lines[int(m.group(1))] = m.group(2)
for role, pin in sorted(wanted.items(), key=lambda item: item[1]):
    text = chip_lines.get(pin)
    if text is None or not re.search(r'(consumer="anima"|"anima")', text):
        fail(f"GPIO {pin} ({role}) is not held with consumer anima: {text!r}")
if not chip_lines:
    fail(f"gpioinfo printed no lines of pinctrl-bcm2835 (section rc {rc})")

# 3. The bytes on the SPI bus are the trace transport's, with the same D/C segmentation.
rc, _ = console.get("display-hardware", (None, []))
if rc != 0:
    fail(f"anima display test --transport hardware exited {rc}: {console.get('display-hardware', (None, []))[1][-5:]}")
reference = trace_records(os.path.join(work, "reference.trace"))
expected = b"".join(payload for tag, payload in reference if tag in "CD")
bus = bytes(int(m.group(1), 16) for m in
            (re.search(r"m25p80_transfer.*tx 0x([0-9a-fA-F]+)\s*$", line) for line in open(os.path.join(work, "spi.trace")))
            if m)
if bus != expected:
    first = next((i for i, (a, b) in enumerate(zip(bus, expected)) if a != b), min(len(bus), len(expected)))
    fail(f"SPI bus carried {len(bus)} bytes, the trace transport {len(expected)}; first difference at byte {first}")
# D/C: the level of the board's D/C line (ftrace gpio_value, global number = chip base + offset) at each transfer.
runs_expected = []
for tag, payload in reference:
    if tag in "CD" and payload:
        level = 1 if tag == "D" else 0
        if runs_expected and runs_expected[-1][0] == level:
            runs_expected[-1][1] += len(payload)
        else:
            runs_expected.append([level, len(payload)])
base = None
for line in console.get("devices", (None, []))[1]:
    m = re.search(r"gpiochip\d+: GPIOs (\d+)-\d+.*pinctrl-bcm2835", line)
    if m:
        base = int(m.group(1))
dc_global = None if base is None else base + board["pins"]["dc"]
level, runs_bus, transfers = None, [], 0
for line in console.get("ftrace", (None, []))[1]:
    m = re.match(r"^(\d+) set (\d)", line)
    if m and int(m.group(1)) == dc_global:
        level = int(m.group(2))
        continue
    m = re.search(r"len=(\d+)", line)
    if m:
        transfers += 1
        length = int(m.group(1))
        if runs_bus and runs_bus[-1][0] == level:
            runs_bus[-1][1] += length
        else:
            runs_bus.append([level, length])
if dc_global is None:
    fail("no pinctrl-bcm2835 base in /sys/kernel/debug/gpio: cannot tell the D/C line in the ftrace")
elif runs_bus != runs_expected:
    fail(f"D/C segmentation differs: bus {runs_bus[:6]}… ({len(runs_bus)} runs), trace {runs_expected[:6]}… ({len(runs_expected)} runs)")

# The guest's own trace transport wrote the reference's bytes too (arm64 = x86).
rc, lines = console.get("display-trace", (None, []))
guest_sha = lines[-1].split()[0] if lines else ""
if guest_sha != hashlib.sha256(open(os.path.join(work, "reference.trace"), "rb").read()).hexdigest():
    fail(f"the guest's trace file differs from x86's: {lines}")

# 4. Sensors: found at their addresses and converted by the datasheets' formulas.
rc, lines = console.get("sensors", (None, []))
row = next((line for line in reversed(lines) if line.startswith("{")), None)
if row is None:
    fail(f"no state_history row with sensors: {lines} / run log: {console.get('run-log', (None, []))[1][-8:]}")
else:
    check = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "sensors.py"), "check", row])
    if check.returncode != 0:
        fail("the sensors were not all read and converted (above)")

if failures:
    print(f"hw: raspi3b: {len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print(f"hw: raspi3b: pinctrl-bcm2835 found, {len(wanted)} board lines held by anima, {len(bus)} SPI bytes in "
      f"{transfers} transfers equal to the trace transport's ({len(runs_expected)} D/C runs), sensors converted")
