/// Bosch BMP280 pressure and temperature sensor (I2C 0x76 or 0x77). Facts from the BMP280 datasheet
/// (BST-BMP280-DS001): §4.2 memory map — chip id 0xD0 reads 0x58; trimming words dig_T1…dig_P9 at 0x88…0x9F, little
/// endian (T1 and P1 unsigned, the rest signed); ctrl_meas 0xF4; data 0xF7…0xFC (press msb/lsb/xlsb, temp msb/lsb/xlsb,
/// 20 bits each, xlsb in bits 7:4). §3.6: 0x80000 is what a skipped measurement reads. §8.1: the double-precision
/// compensation formulas. §3.11.3: the worked example pinned in the tests (25.08 °C, 100653 Pa).
public final class BMP280 {
    public static let addresses: [UInt16] = [0x76, 0x77]
    public static let name = "BMP280"
    public static let chipID: UInt8 = 0x58
    private let device: any I2CDevice
    public private(set) var calibration: Calibration?

    public struct Calibration: Sendable, Equatable {
        public var T1: UInt16, T2: Int16, T3: Int16
        public var P1: UInt16, P2: Int16, P3: Int16, P4: Int16, P5: Int16, P6: Int16, P7: Int16, P8: Int16, P9: Int16

        public init(T1: UInt16, T2: Int16, T3: Int16, P1: UInt16, P2: Int16, P3: Int16, P4: Int16, P5: Int16, P6: Int16,
                    P7: Int16, P8: Int16, P9: Int16) {
            (self.T1, self.T2, self.T3) = (T1, T2, T3)
            (self.P1, self.P2, self.P3, self.P4, self.P5, self.P6, self.P7, self.P8, self.P9) = (P1, P2, P3, P4, P5, P6, P7, P8, P9)
        }

        /// The 24 bytes at 0x88…0x9F.
        public init(bytes: [UInt8]) throws(SensorError) {
            guard bytes.count == 24 else {
                throw .badData(chip: BMP280.name, address: 0, detail: "expected 24 bytes of trimming words, got \(bytes.count)")
            }
            func u(_ i: Int) -> UInt16 { UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 }
            func s(_ i: Int) -> Int16 { Int16(bitPattern: u(i)) }
            self.init(T1: u(0), T2: s(2), T3: s(4), P1: u(6), P2: s(8), P3: s(10), P4: s(12), P5: s(14), P6: s(16),
                      P7: s(18), P8: s(20), P9: s(22))
        }
    }

    public struct Reading: Sendable, Equatable {
        public var temperatureC: Double
        public var pressurePa: Double
        public var pressureHPa: Double { pressurePa / 100 }
    }

    public init(device: any I2CDevice) {
        self.device = device
    }

    /// Checks the chip id, reads the trimming words, starts normal mode (×1 oversampling for both, ctrl_meas 0x27).
    public func start() throws(SensorError) {
        let id = try transfer { () throws(HALError) in try device.writeRead([0xD0], readCount: 1) }
        guard id.first == Self.chipID else {
            throw bad("chip id 0x\(String(id.first ?? 0, radix: 16)) is not a BMP280's 0x58 (a BME280 reads 0x60)")
        }
        let trimming = try transfer { () throws(HALError) in try device.writeRead([0x88], readCount: 24) }
        let calibration = try Calibration(bytes: trimming)
        guard calibration.T1 != 0, calibration.P1 != 0 else { throw bad("trimming words are blank (dig_T1 or dig_P1 is 0)") }
        self.calibration = calibration
        try transfer { () throws(HALError) in try device.write([0xF4, 0x27]) }
    }

    public func read() throws(SensorError) -> Reading {
        guard let calibration else { throw bad("read before start()") }
        let bytes = try transfer { () throws(HALError) in try device.writeRead([0xF7], readCount: 6) }
        guard bytes.count == 6 else { throw bad("expected 6 data bytes, got \(bytes.count)") }
        let adcP = Int32(bytes[0]) << 12 | Int32(bytes[1]) << 4 | Int32(bytes[2]) >> 4
        let adcT = Int32(bytes[3]) << 12 | Int32(bytes[4]) << 4 | Int32(bytes[5]) >> 4
        guard adcT != 0x80000, adcP != 0x80000 else { throw bad("measurement skipped (raw 0x80000); the chip is not measuring") }
        guard let reading = Self.compensate(adcT: adcT, adcP: adcP, calibration: calibration) else {
            throw bad("compensation divides by zero (dig_P1 is 0)")
        }
        return reading
    }

    /// §8.1, double precision. nil when the pressure formula would divide by zero.
    public static func compensate(adcT: Int32, adcP: Int32, calibration c: Calibration) -> Reading? {
        let T1 = Double(c.T1), T2 = Double(c.T2), T3 = Double(c.T3)
        var var1 = (Double(adcT) / 16384 - T1 / 1024) * T2
        var var2 = (Double(adcT) / 131072 - T1 / 8192) * (Double(adcT) / 131072 - T1 / 8192) * T3
        let tFine = var1 + var2
        let temperature = tFine / 5120

        var1 = tFine / 2 - 64000
        var2 = var1 * var1 * Double(c.P6) / 32768
        var2 = var2 + var1 * Double(c.P5) * 2
        var2 = var2 / 4 + Double(c.P4) * 65536
        var1 = (Double(c.P3) * var1 * var1 / 524288 + Double(c.P2) * var1) / 524288
        var1 = (1 + var1 / 32768) * Double(c.P1)
        guard var1 != 0 else { return nil }
        var p = 1_048_576 - Double(adcP)
        p = (p - var2 / 4096) * 6250 / var1
        var1 = Double(c.P9) * p * p / 2_147_483_648
        var2 = p * Double(c.P8) / 32768
        p = p + (var1 + var2 + Double(c.P7)) / 16
        return Reading(temperatureC: temperature, pressurePa: p)
    }

    @discardableResult
    private func transfer<T>(_ body: () throws(HALError) -> T) throws(SensorError) -> T {
        do { return try body() } catch { throw .io(chip: Self.name, address: device.address, underlying: error) }
    }

    private func bad(_ detail: String) -> SensorError { .badData(chip: Self.name, address: device.address, detail: detail) }
}
