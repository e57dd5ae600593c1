#!/usr/bin/env python3
"""Stand-ins for the board's I2C sensors on QEMU's raspi3b: one 512-byte at24c-eeprom image per chip whose bytes
answer the registers anima's drivers read, and the values the datasheets' conversions give for them.

  sensors.py images DIR    writes DIR/bmp280.bin, DIR/aht20.bin, DIR/veml7700.bin and prints the QEMU -device args
  sensors.py check JSON    compares a state_history `sensors` JSON object with the expected values (exit 1 if not)

at24c with 1-byte addressing (address-size=1: a 512-byte image would get 2-byte addresses): the first byte of a write sets the pointer, the rest are stored from there; a read
continues from the pointer. It keeps bit 8 of the old pointer, so the map is stored twice (0x000 and 0x100).
"""
import json
import sys

# BMP280 datasheet (BST-BMP280-DS001) §3.12's worked example: these trimming words and raw values give 25.08 °C and
# 100653.27 Pa. Registers: id 0xD0 = 0x58, trimming 0x88…0x9F (little-endian words), data 0xF7…0xFC.
BMP280_TRIM = [27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000]
BMP280_ADC_T, BMP280_ADC_P = 519888, 415148
# AHT20 datasheet v1.1 §5.4/§6: status 0x18 (calibrated), then after 0xAC 0x33 0x00 a 7-byte answer: status 0x1C,
# 20-bit humidity 0x80000 (50 %), 20-bit temperature 0x66666 (≈ 30 °C), CRC-8 (poly 0x31, init 0xFF).
AHT20_RAW_H, AHT20_RAW_T = 0x80000, 0x66666
# VEML7700 (Vishay, doc 84286): ALS count at command code 0x04, little-endian; anima configures gain ×1, 200 ms.
VEML7700_COUNT = 1000
ADDRESSES = {"bmp280": 0x77, "aht20": 0x38, "veml7700": 0x10}


def crc8(data):
    crc = 0xFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x31) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def bmp280_map():
    m = bytearray(256)
    m[0xD0] = 0x58
    for i, word in enumerate(BMP280_TRIM):
        m[0x88 + 2 * i:0x8A + 2 * i] = (word & 0xFFFF).to_bytes(2, "little")
    p, t = BMP280_ADC_P, BMP280_ADC_T
    m[0xF7:0xFD] = bytes([p >> 12, (p >> 4) & 0xFF, (p & 0xF) << 4, t >> 12, (t >> 4) & 0xFF, (t & 0xF) << 4])
    return m


def aht20_map():
    m = bytearray(256)
    m[0x71] = 0x18
    h, t = AHT20_RAW_H, AHT20_RAW_T
    body = bytes([0x1C, h >> 12, (h >> 4) & 0xFF, ((h & 0xF) << 4) | (t >> 16), (t >> 8) & 0xFF, t & 0xFF])
    # The measurement command 0xAC 0x33 0x00 stores 0x33 0x00 at 0xAC/0xAD; the plain read then starts at 0xAE.
    m[0xAE:0xB5] = body + bytes([crc8(body)])
    return m


def veml7700_map():
    m = bytearray(256)
    m[0x04:0x06] = VEML7700_COUNT.to_bytes(2, "little")
    return m


def bmp280_expected():
    t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9 = BMP280_TRIM
    adc_t, adc_p = BMP280_ADC_T, BMP280_ADC_P
    var1 = (adc_t / 16384 - t1 / 1024) * t2
    var2 = (adc_t / 131072 - t1 / 8192) ** 2 * t3
    t_fine = var1 + var2
    var1 = t_fine / 2 - 64000
    var2 = var1 * var1 * p6 / 32768 + var1 * p5 * 2
    var2 = var2 / 4 + p4 * 65536
    var1 = (p3 * var1 * var1 / 524288 + p2 * var1) / 524288
    var1 = (1 + var1 / 32768) * p1
    p = 1048576 - adc_p
    p = (p - var2 / 4096) * 6250 / var1
    p = p + (p9 * p * p / 2147483648 + p * p8 / 32768 + p7) / 16
    return p / 100


EXPECTED = {
    "pressure_hpa": bmp280_expected(),
    "humidity_pct": AHT20_RAW_H / 2**20 * 100,
    "ambient_temp_c": AHT20_RAW_T / 2**20 * 200 - 50,
    "light_lux": VEML7700_COUNT * 0.0036 * (800 / 200) * (2 / 1),
}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "images":
        args = []
        for name, build in (("bmp280", bmp280_map), ("aht20", aht20_map), ("veml7700", veml7700_map)):
            image = bytes(build()) * 2
            path = f"{sys.argv[2]}/{name}.bin"
            with open(path, "wb") as f:
                f.write(image)
            args.append(f"{name}:0x{ADDRESSES[name]:02x}")
        print(" ".join(args))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        got = json.loads(sys.argv[2])
        bad = [f"{k}: expected {v:.4f}, got {got.get(k)}" for k, v in EXPECTED.items()
               if not isinstance(got.get(k), (int, float)) or abs(got[k] - v) > 1e-6 * max(1, abs(v))]
        for line in bad:
            print(f"sensors: {line}", file=sys.stderr)
        if not bad:
            print("sensors: " + ", ".join(f"{k} {v:.4f}" for k, v in EXPECTED.items()) + " read and converted as expected")
        return 1 if bad else 0
    print(__doc__, file=sys.stderr)
    return 2


sys.exit(main())
