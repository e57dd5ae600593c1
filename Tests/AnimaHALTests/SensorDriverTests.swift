import AnimaHAL
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The I2C sensor drivers, pinned by datasheet examples and fed garbage through FakeI2CDevice.
@Suite struct SensorDriverTests {
    // MARK: BMP280

    /// BMP280 datasheet (BST-BMP280-DS001) §3.11.3, "Calculating pressure and temperature": the example trimming
    /// values and raw readings give 25.08 °C and 100653 Pa (double-precision formulas of §8.1: 100653.27 Pa).
    static let datasheetCalibration = BMP280.Calibration(
        T1: 27504, T2: 26435, T3: -1000, P1: 36477, P2: -10685, P3: 3024, P4: 2855, P5: 140, P6: -7, P7: 15500,
        P8: -14600, P9: 6000)

    @Test func bmp280DatasheetExample() throws {
        let reading = try #require(BMP280.compensate(adcT: 519888, adcP: 415148, calibration: Self.datasheetCalibration))
        #expect(abs(reading.temperatureC - 25.08) < 0.005)
        #expect(abs(reading.pressurePa - 100653.27) < 0.05)
        #expect(abs(reading.pressureHPa - 1006.53) < 0.01)
    }

    static func trimmingBytes(_ c: BMP280.Calibration) -> [UInt8] {
        let words: [UInt16] = [c.T1, UInt16(bitPattern: c.T2), UInt16(bitPattern: c.T3), c.P1] + [
            c.P2, c.P3, c.P4, c.P5, c.P6, c.P7, c.P8, c.P9,
        ].map { UInt16(bitPattern: $0) }
        return words.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// The same example through the bus: chip id, trimming words (little endian), normal mode, 20-bit data.
    @Test func bmp280OverTheBus() throws {
        let device = FakeI2CDevice(address: 0x77)
        // adc_P 415148 = 0x655AC, adc_T 519888 = 0x7EED0, xlsb in bits 7:4.
        device.queuedReads = [[0x58], Self.trimmingBytes(Self.datasheetCalibration), [0x65, 0x5A, 0xC0, 0x7E, 0xED, 0x00]]
        let sensor = BMP280(device: device)
        try sensor.start()
        #expect(sensor.calibration == Self.datasheetCalibration)
        let reading = try sensor.read()
        #expect(abs(reading.temperatureC - 25.08) < 0.005)
        #expect(abs(reading.pressurePa - 100653.27) < 0.05)
        #expect(device.writes == [[0xD0], [0x88], [0xF4, 0x27], [0xF7]])
    }

    @Test func bmp280Garbage() throws {
        // A BME280 (chip id 0x60) or an empty bus (zeros) is refused by name.
        for id: UInt8 in [0x60, 0x00, 0xFF] {
            let device = FakeI2CDevice(address: 0x76)
            device.queuedReads = [[id]]
            do {
                try BMP280(device: device).start()
                Issue.record("chip id \(id) accepted")
            } catch {
                #expect(error.description.contains("BMP280 at 0x76"), "\(error)")
            }
        }
        // Blank trimming words (all zeros) would divide by zero: refused at start.
        let blank = FakeI2CDevice(address: 0x76)
        blank.queuedReads = [[0x58], [UInt8](repeating: 0, count: 24)]
        #expect(throws: SensorError.self) { try BMP280(device: blank).start() }
        // A skipped measurement reads 0x80000.
        let skipped = FakeI2CDevice(address: 0x76)
        skipped.queuedReads = [[0x58], Self.trimmingBytes(Self.datasheetCalibration), [0x80, 0x00, 0x00, 0x80, 0x00, 0x00]]
        let sensor = BMP280(device: skipped)
        try sensor.start()
        #expect(throws: SensorError.self) { try sensor.read() }
        // An I/O error (NACK) names the chip and keeps the bus error.
        skipped.failNextTransfer = .ioFailed(device: "/dev/i2c-1 address 0x76", operation: "I2C_RDWR", errno: EREMOTEIO)
        do {
            _ = try sensor.read()
            Issue.record("a NACK gave a reading")
        } catch {
            guard case .io(chip: "BMP280", address: 0x76, underlying: _) = error else { Issue.record("\(error)"); return }
        }
        // Short trimming data is refused, never read out of bounds.
        #expect(throws: SensorError.self) { try BMP280.Calibration(bytes: [1, 2, 3]) }
        // Reading before start is an error, not a crash.
        #expect(throws: SensorError.self) { try BMP280(device: FakeI2CDevice(address: 0x76)).read() }
    }

    // MARK: AHT20

    /// The CRC is CRC-8 with polynomial 0x31 and initial value 0xFF (AHT20 datasheet §5.4); the Sensirion SHT3x
    /// datasheet §4.12 gives the worked example for that CRC: 0xBEEF → 0x92.
    @Test func aht20CRCMatchesTheWorkedExample() {
        #expect(AHT20.crc8([0xBE, 0xEF]) == 0x92)
    }

    static func frame(status: UInt8, humidity: UInt32, temperature: UInt32) -> [UInt8] {
        let body: [UInt8] = [
            status, UInt8(humidity >> 12 & 0xFF), UInt8(humidity >> 4 & 0xFF),
            UInt8((humidity & 0x0F) << 4) | UInt8(temperature >> 16 & 0x0F), UInt8(temperature >> 8 & 0xFF),
            UInt8(temperature & 0xFF),
        ]
        return body + [AHT20.crc8(body)]
    }

    /// AHT20 datasheet §6.1/§6.2: RH = S_RH / 2^20 · 100 %, T = S_T / 2^20 · 200 − 50 °C.
    @Test func aht20Conversion() throws {
        let half = try AHT20.decode(Self.frame(status: 0x1C, humidity: 0x80000, temperature: 0x40000))
        #expect(half.humidityPercent == 50)
        #expect(half.temperatureC == 0)  // 2^18 / 2^20 · 200 − 50
        let extremes = try AHT20.decode(Self.frame(status: 0x18, humidity: 0, temperature: 0xFFFFF))
        #expect(extremes.humidityPercent == 0)
        #expect(abs(extremes.temperatureC - 149.99981) < 0.0001)
    }

    @Test func aht20OverTheBus() throws {
        let device = FakeI2CDevice(address: 0x38)
        let delay = RecordingDelay()
        // Status without the calibration bit → calibrate first (0xBE 0x08 0x00).
        device.queuedReads = [[0x10], Self.frame(status: 0x1C, humidity: 0x80000, temperature: 0x66666)]
        let sensor = AHT20(device: device, delay: delay)
        try sensor.start()
        let reading = try sensor.read()
        #expect(abs(reading.temperatureC - 29.99992) < 0.00001)  // 0x66666 = 419430; 419430 / 2^20 · 200 − 50
        // The measurement is one plain 7-byte read: a zero-length write before it times out on i2c-bcm2835, as the
        // fake does (it was `writeRead([], 7)`; seen on QEMU's raspi3b with the real driver, issue 20).
        #expect(device.writes == [[0x71], [0xBE, 0x08, 0x00], [0xAC, 0x33, 0x00]])
        #expect(device.reads == 1)
        #expect(delay.waits.contains(80))
    }

    @Test func aht20Garbage() throws {
        var good = Self.frame(status: 0x1C, humidity: 0x80000, temperature: 0x66666)
        // Busy, bad CRC, short, long: each refused with the reason.
        let busy = Self.frame(status: 0x9C, humidity: 0x80000, temperature: 0x66666)
        good[6] ^= 0x01
        let cases: [([UInt8], String)] = [
            (busy, "still busy"), (good, "CRC mismatch"), ([0x1C, 0x80], "expected 7 bytes"), ([UInt8](repeating: 0xFF, count: 9), "expected 7 bytes"),
            ([UInt8](repeating: 0, count: 7), "CRC mismatch"),
        ]
        for (bytes, reason) in cases {
            do {
                _ = try AHT20.decode(bytes)
                Issue.record("\(bytes) decoded")
            } catch {
                #expect(error.description.contains(reason), "\(error)")
                #expect(error.description.contains("AHT20 at 0x38"))
            }
        }
        let device = FakeI2CDevice(address: 0x38)
        device.failNextTransfer = .ioFailed(device: "/dev/i2c-1 address 0x38", operation: "I2C_RDWR", errno: ENXIO)
        #expect(throws: SensorError.self) { try AHT20(device: device, delay: RecordingDelay()).start() }
    }
}

/// VEML7700: resolution table and the bus sequence.
@Suite struct VEML7700Tests {
    /// Vishay application note "Designing the VEML7700 into an application", resolution table:
    /// ×2/800 ms 0.0036, ×1/200 ms 0.0288, ×1/8 25 ms 1.8432 lx/count.
    @Test func resolutionTable() {
        #expect(abs(VEML7700.resolution(gain: .x2, integrationTime: .ms800) - 0.0036) < 1e-12)
        #expect(abs(VEML7700.resolution(gain: .x1, integrationTime: .ms200) - 0.0288) < 1e-12)
        #expect(abs(VEML7700.resolution(gain: .x1_8, integrationTime: .ms25) - 1.8432) < 1e-12)
    }

    @Test func luxOverTheBus() throws {
        let device = FakeI2CDevice(address: 0x10)
        let sensor = VEML7700(device: device)
        try sensor.start()
        device.queuedReads = [[0x10, 0x27]]  // 10000 counts
        #expect(abs(try sensor.readLux() - 288) < 1e-9)
        // ALS_CONF for ×1, 200 ms, powered on: IT 0001 in bits 9:6 → 0x0040.
        #expect(device.writes == [[0x00, 0x40, 0x00], [0x04]])
        // Full scale at ×1/200 ms is the table's 1887 lx.
        device.queuedReads = [[0xFF, 0xFF]]
        #expect(abs(try sensor.readLux() - 1887.408) < 0.001)
    }

    @Test func nackNamesTheChip() {
        let device = FakeI2CDevice(address: 0x10)
        device.failNextTransfer = .ioFailed(device: "/dev/i2c-1 address 0x10", operation: "I2C_RDWR", errno: EREMOTEIO)
        do {
            try VEML7700(device: device).start()
            Issue.record("a NACK started the sensor")
        } catch {
            #expect(error.description.hasPrefix("VEML7700 at 0x10"))
        }
    }
}
