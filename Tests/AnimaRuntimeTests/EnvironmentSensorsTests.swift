import AnimaHAL
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import AnimaRuntime

/// Detection at start and reads through fake chips: absent chips are reported once and drop out; a chip that
/// starts failing is reported once per outage.
@Suite struct EnvironmentSensorsTests {
    static func nack(_ address: UInt16) -> HALError {
        .ioFailed(device: "/dev/i2c-1 address 0x\(String(address, radix: 16))", operation: "I2C_RDWR", errno: EREMOTEIO)
    }

    static func ahtFrame(humidity: UInt32, temperature: UInt32) -> [UInt8] {
        let body: [UInt8] = [
            0x1C, UInt8(humidity >> 12 & 0xFF), UInt8(humidity >> 4 & 0xFF),
            UInt8((humidity & 0x0F) << 4) | UInt8(temperature >> 16 & 0x0F), UInt8(temperature >> 8 & 0xFF), UInt8(temperature & 0xFF),
        ]
        return body + [AHT20.crc8(body)]
    }

    @Test func noChipsAreReportedOnceAndDropOut() {
        var lines: [String] = []
        let sensors = EnvironmentSensors(open: { address throws(HALError) in throw Self.nack(address) }, delay: RecordingDelay()) {
            lines.append($0)
        }
        #expect(sensors.present.isEmpty)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.contains { $0.contains("AHT20 at 0x38") && $0.contains("ambient temperature and humidity drop out") })
        #expect(lines.contains { $0.contains("BMP280 at 0x76/0x77") })
        var readings = BodyReadings(cpuTemperatureC: 50)
        sensors.read(into: &readings)
        #expect(readings == BodyReadings(cpuTemperatureC: 50))
        #expect(lines.count == 3, "reads of absent chips log nothing")
    }

    @Test func chipsFeedTheReadingsAndAnOutageIsReportedOnce() {
        let aht = FakeI2CDevice(address: 0x38)
        aht.queuedReads = [[0x18]]  // calibrated
        let veml = FakeI2CDevice(address: 0x10)
        var lines: [String] = []
        let sensors = EnvironmentSensors(open: { address throws(HALError) in
            switch address {
            case 0x38: return aht
            case 0x10: return veml
            default: throw Self.nack(address)
            }
        }, delay: RecordingDelay()) { lines.append($0) }
        #expect(sensors.present == ["AHT20", "VEML7700"])
        aht.queuedReads = [Self.ahtFrame(humidity: 0x80000, temperature: 0x40000)]
        veml.queuedReads = [[0x10, 0x27]]  // 288 lx at ×1/200 ms
        var readings = BodyReadings()
        sensors.read(into: &readings)
        #expect(readings.ambientTemperatureC == 0 && readings.humidityPercent == 50)
        #expect(readings.lightLux.map { abs($0 - 288) < 1e-9 } == true)
        #expect(readings.pressureHPa == nil)

        // A bad CRC twice: one line; then a good frame: "reads again". Light is smoothed 0.8/0.2.
        let before = lines.count
        for _ in 0..<2 {
            var broken = Self.ahtFrame(humidity: 0x80000, temperature: 0x40000)
            broken[6] ^= 0xFF
            aht.queuedReads = [broken]
            veml.queuedReads = [[0x00, 0x00]]
            var again = BodyReadings()
            sensors.read(into: &again)
            #expect(again.ambientTemperatureC == nil)
        }
        #expect(lines.count == before + 1, "\(lines)")
        aht.queuedReads = [Self.ahtFrame(humidity: 0x80000, temperature: 0x40000)]
        veml.queuedReads = [[0x00, 0x00]]
        var recovered = BodyReadings()
        sensors.read(into: &recovered)
        #expect(recovered.humidityPercent == 50)
        #expect(lines.last == "sensor: AHT20 reads again")
        // 288 → 0.8·288 → 0.64·288 → 0.512·288
        #expect(recovered.lightLux.map { abs($0 - 0.512 * 288) < 1e-9 } == true)
    }
}
