import AnimaHAL

/// The I2C sensor chips the reference reads (anima-mcp sensors/pi.py): AHT20 at 0x38 (ambient temperature, humidity),
/// BMP280 at 0x76 or 0x77 (pressure), VEML7700 at 0x10 (light, smoothed by an EMA 0.8/0.2 as the reference does
/// because the LEDs sit next to it). Chips are detected once at start; an absent chip is reported once and its inputs
/// drop out of the anima (AnimaSensing's absent-sensor defaults). A chip that fails a read is reported once per
/// outage and skipped for that reading; it recovers by itself when reads succeed again.
public final class EnvironmentSensors {
    public typealias Opener = (UInt16) throws(HALError) -> any I2CDevice

    private var aht20: AHT20?
    private var bmp280: BMP280?
    private var veml7700: VEML7700?
    private var smoothedLux: Double?
    private var failing: Set<String> = []
    private let report: (String) -> Void
    /// Chip names found at start, and one line per chip that was not.
    public private(set) var present: [String] = []
    public private(set) var absent: [String] = []

    public init(open: Opener, delay: any Delay, report: @escaping (String) -> Void) {
        self.report = report
        do {
            let sensor = AHT20(device: try open(AHT20.address), delay: delay)
            try sensor.start()
            aht20 = sensor
        } catch {
            absent.append("\(AHT20.name) at 0x38: \(error) — ambient temperature and humidity drop out")
        }
        var bmpErrors: [String] = []
        for address in BMP280.addresses where bmp280 == nil {
            do {
                let sensor = BMP280(device: try open(address))
                try sensor.start()
                bmp280 = sensor
            } catch {
                bmpErrors.append("\(error)")
            }
        }
        if bmp280 == nil { absent.append("\(BMP280.name) at 0x76/0x77: \(bmpErrors.joined(separator: "; ")) — pressure drops out") }
        do {
            let sensor = VEML7700(device: try open(VEML7700.address))
            try sensor.start()
            veml7700 = sensor
        } catch {
            absent.append("\(VEML7700.name) at 0x10: \(error) — light drops out")
        }
        present = [aht20.map { _ in AHT20.name }, bmp280.map { _ in BMP280.name }, veml7700.map { _ in VEML7700.name }].compactMap { $0 }
        for line in absent { report("sensor: no \(line)") }
    }

    /// Fills the environment fields of `readings` from the chips that answer.
    public func read(into readings: inout BodyReadings) {
        if let aht20, let value = attempt(AHT20.name, { () throws(SensorError) in try aht20.read() }) {
            readings.ambientTemperatureC = value.temperatureC
            readings.humidityPercent = value.humidityPercent
        }
        if let bmp280, let value = attempt(BMP280.name, { () throws(SensorError) in try bmp280.read() }) {
            readings.pressureHPa = value.pressureHPa
        }
        if let veml7700, let lux = attempt(VEML7700.name, { () throws(SensorError) in try veml7700.readLux() }) {
            let smoothed = smoothedLux.map { 0.8 * $0 + 0.2 * lux } ?? lux
            smoothedLux = smoothed
            readings.lightLux = smoothed
        }
    }

    private func attempt<T>(_ chip: String, _ body: () throws(SensorError) -> T) -> T? {
        do {
            let value = try body()
            if failing.remove(chip) != nil { report("sensor: \(chip) reads again") }
            return value
        } catch {
            if failing.insert(chip).inserted { report("sensor: \(error); skipping it until it answers") }
            return nil
        }
    }
}
