/// AHT20 temperature and humidity sensor (I2C 0x38). Facts from the Aosong AHT20 datasheet (v1.1):
/// §5.4 "Sensor reading process" — after power-on read the status word; if calibration bit 3 is 0 send 0xBE 0x08 0x00;
/// trigger a measurement with 0xAC 0x33 0x00, wait 80 ms, read 7 bytes (status, 20 bits humidity, 20 bits
/// temperature, CRC-8); status bit 7 set means still busy. §6.1/§6.2: RH = S_RH / 2^20 · 100 %, T = S_T / 2^20 · 200 − 50 °C.
/// The read in step 3 is a plain 7-byte read (the datasheet's figure: address with the read bit, then status and data),
/// not a zero-length write before it: the Pi 3's i2c-bcm2835 times out on that empty message and the sensor went missing.
/// The CRC is CRC-8 with polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial value 0xFF.
public final class AHT20 {
    public static let address: UInt16 = 0x38
    public static let name = "AHT20"
    private let device: any I2CDevice
    private let delay: any Delay

    public struct Reading: Sendable, Equatable {
        public var temperatureC: Double
        public var humidityPercent: Double
    }

    public init(device: any I2CDevice, delay: any Delay) {
        self.device = device
        self.delay = delay
    }

    /// Checks the calibration bit and calibrates if needed (§5.4 step 1).
    public func start() throws(SensorError) {
        let status = try transfer { () throws(HALError) in try device.writeRead([0x71], readCount: 1) }
        guard let byte = status.first else { throw bad("no status byte") }
        if byte & 0x08 == 0 {
            try transfer { () throws(HALError) in try device.write([0xBE, 0x08, 0x00]) }
            delay.wait(milliseconds: 10)
        }
    }

    /// One measurement (§5.4 steps 2–4).
    public func read() throws(SensorError) -> Reading {
        try transfer { () throws(HALError) in try device.write([0xAC, 0x33, 0x00]) }
        delay.wait(milliseconds: 80)
        let bytes = try transfer { () throws(HALError) in try device.read(count: 7) }
        return try Self.decode(bytes, address: device.address)
    }

    /// The 7-byte answer to a reading, checked: length, busy bit, CRC.
    public static func decode(_ bytes: [UInt8], address: UInt16 = AHT20.address) throws(SensorError) -> Reading {
        guard bytes.count == 7 else {
            throw .badData(chip: name, address: address, detail: "expected 7 bytes of measurement, got \(bytes.count)")
        }
        guard bytes[0] & 0x80 == 0 else {
            throw .badData(chip: name, address: address, detail: "still busy after 80 ms (status 0x\(String(bytes[0], radix: 16)))")
        }
        let expected = crc8(bytes[0..<6])
        guard expected == bytes[6] else {
            throw .badData(chip: name, address: address,
                           detail: "CRC mismatch (got 0x\(String(bytes[6], radix: 16)), computed 0x\(String(expected, radix: 16)))")
        }
        let rawHumidity = UInt32(bytes[1]) << 12 | UInt32(bytes[2]) << 4 | UInt32(bytes[3]) >> 4
        let rawTemperature = UInt32(bytes[3] & 0x0F) << 16 | UInt32(bytes[4]) << 8 | UInt32(bytes[5])
        return Reading(
            temperatureC: Double(rawTemperature) / 1_048_576 * 200 - 50,
            humidityPercent: Double(rawHumidity) / 1_048_576 * 100)
    }

    /// CRC-8, polynomial 0x31, initial 0xFF, no reflection, no final XOR.
    public static func crc8<C: Collection>(_ bytes: C) -> UInt8 where C.Element == UInt8 {
        var crc: UInt8 = 0xFF
        for byte in bytes {
            crc ^= byte
            for _ in 0..<8 { crc = crc & 0x80 != 0 ? (crc << 1) ^ 0x31 : crc << 1 }
        }
        return crc
    }

    @discardableResult
    private func transfer<T>(_ body: () throws(HALError) -> T) throws(SensorError) -> T {
        do { return try body() } catch { throw .io(chip: Self.name, address: device.address, underlying: error) }
    }

    private func bad(_ detail: String) -> SensorError { .badData(chip: Self.name, address: device.address, detail: detail) }
}
