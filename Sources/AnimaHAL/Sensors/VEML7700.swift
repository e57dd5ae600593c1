/// Vishay VEML7700 ambient light sensor (I2C 0x10). Facts from the VEML7700 datasheet (Rev. 1.x), "Command register
/// format": register 0x00 ALS_CONF (16 bits, little endian) holds ALS_GAIN in bits 12:11 (00 ×1, 01 ×2, 10 ×1/8,
/// 11 ×1/4), ALS_IT in bits 9:6 (1100 25 ms, 1000 50 ms, 0000 100 ms, 0001 200 ms, 0010 400 ms, 0011 800 ms) and
/// ALS_SD (shutdown) in bit 0; register 0x04 is the 16-bit ALS count. Resolution: 0.0036 lx/count at gain ×2 and
/// 800 ms, scaling inversely with gain and integration time (application note "Designing the VEML7700 into an
/// application", table "Resolution and maximum detection range": ×1 at 200 ms → 0.0288 lx/count, up to 1887 lx).
/// The reference creature uses gain ×1 and 200 ms (anima-mcp sensors/pi.py: "much better precision at typical indoor
/// levels"), the defaults here.
public final class VEML7700 {
    public static let address: UInt16 = 0x10
    public static let name = "VEML7700"

    public enum Gain: UInt16, Sendable, CaseIterable {
        case x1 = 0b00, x2 = 0b01, x1_8 = 0b10, x1_4 = 0b11
        public var factor: Double {
            switch self {
            case .x1: 1
            case .x2: 2
            case .x1_8: 0.125
            case .x1_4: 0.25
            }
        }
    }

    public enum IntegrationTime: UInt16, Sendable, CaseIterable {
        case ms25 = 0b1100, ms50 = 0b1000, ms100 = 0b0000, ms200 = 0b0001, ms400 = 0b0010, ms800 = 0b0011
        public var milliseconds: Double {
            switch self {
            case .ms25: 25
            case .ms50: 50
            case .ms100: 100
            case .ms200: 200
            case .ms400: 400
            case .ms800: 800
            }
        }
    }

    private let device: any I2CDevice
    public let gain: Gain
    public let integrationTime: IntegrationTime

    public init(device: any I2CDevice, gain: Gain = .x1, integrationTime: IntegrationTime = .ms200) {
        self.device = device
        self.gain = gain
        self.integrationTime = integrationTime
    }

    /// The ALS_CONF word: gain, integration time, powered on, no interrupts.
    public var configuration: UInt16 { gain.rawValue << 11 | integrationTime.rawValue << 6 }

    /// Lux per count for a gain and integration time.
    public static func resolution(gain: Gain, integrationTime: IntegrationTime) -> Double {
        0.0036 * (800 / integrationTime.milliseconds) * (2 / gain.factor)
    }

    /// Powers the sensor on with the configuration; the first count is ready one integration time later.
    public func start() throws(SensorError) {
        try transfer { () throws(HALError) in
            try device.write([0x00, UInt8(configuration & 0xFF), UInt8(configuration >> 8)])
        }
    }

    public func readLux() throws(SensorError) -> Double {
        let bytes = try transfer { () throws(HALError) in try device.writeRead([0x04], readCount: 2) }
        guard bytes.count == 2 else {
            throw .badData(chip: Self.name, address: device.address, detail: "expected 2 bytes of ALS count, got \(bytes.count)")
        }
        let count = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
        return Double(count) * Self.resolution(gain: gain, integrationTime: integrationTime)
    }

    @discardableResult
    private func transfer<T>(_ body: () throws(HALError) -> T) throws(SensorError) -> T {
        do { return try body() } catch { throw .io(chip: Self.name, address: device.address, underlying: error) }
    }
}
