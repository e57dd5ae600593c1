import AnimaDrawing

/// What the body reports. Every field is optional: a Pi without a sensor HAT has only system metrics,
/// a VM may not even have a CPU temperature. Missing inputs drop out of the weighted means.
public struct BodyReadings: Sendable, Equatable {
    public var cpuTemperatureC: Double?
    public var cpuPercent: Double?
    public var memoryPercent: Double?
    public var diskPercent: Double?
    public var ambientTemperatureC: Double?
    public var humidityPercent: Double?
    public var lightLux: Double?
    public var pressureHPa: Double?
    /// The firmware's throttle word (`vcgencmd get_throttled`): bit 0 under-voltage now, bit 1 throttled now, bit 2
    /// frequency capped now, bit 16 under-voltage has occurred. nil off a Pi. Recorded, not felt (as the reference).
    public var throttleBits: UInt32?
    /// The computational-neural bands; nil means "as on the reference's first sample" (derived from CPU % alone).
    public var neural: NeuralBands?

    public init(
        cpuTemperatureC: Double? = nil, cpuPercent: Double? = nil, memoryPercent: Double? = nil, diskPercent: Double? = nil,
        ambientTemperatureC: Double? = nil, humidityPercent: Double? = nil, lightLux: Double? = nil, pressureHPa: Double? = nil,
        neural: NeuralBands? = nil
    ) {
        self.cpuTemperatureC = cpuTemperatureC
        self.cpuPercent = cpuPercent
        self.memoryPercent = memoryPercent
        self.diskPercent = diskPercent
        self.ambientTemperatureC = ambientTemperatureC
        self.humidityPercent = humidityPercent
        self.lightLux = lightLux
        self.pressureHPa = pressureHPa
        self.neural = neural
    }

    /// Names of the inputs this reading lacks, for status and logs.
    public var missing: [String] {
        [("cpu_temp", cpuTemperatureC), ("cpu_percent", cpuPercent), ("memory_percent", memoryPercent),
         ("disk_percent", diskPercent), ("ambient_temp", ambientTemperatureC), ("humidity", humidityPercent),
         ("light", lightLux), ("pressure", pressureHPa)]
            .filter { $0.1 == nil }.map(\.0)
    }
}

/// The reference creature's `sense_self` (anima-mcp `anima.py` `_sense_warmth/_clarity/_stability/_presence`, weights
/// and ranges from `config.py` `NervousSystemCalibration` defaults): weighted means of what the body reports, each
/// clamped to [0, 1] and rounded to 3 decimals. A missing sensor drops out and the remaining weights renormalise;
/// the computational-neural term is always present, so a Pi with no sensor chips sits where the reference's would
/// (clarity ≈ 0.55, well clear of the local fallback's 0.40 pause line) instead of on that line.
public enum AnimaSensing {
    public static let cpuTemperatureRange = 40.0...80.0
    public static let ambientTemperatureRange = 15.0...35.0
    public static let lightMaxLux = 1000.0
    public static let idealPressureHPa = 1013.25
    public static let idealHumidityPercent = 45.0

    public static func sense(_ body: BodyReadings) -> AnimaState {
        let neural = body.neural ?? NeuralBands.firstSample(cpuPercent: body.cpuPercent)
        let warmth = weightedMean([
            (body.cpuTemperatureC.map { unit(scale($0, cpuTemperatureRange)) }, 0.35),
            (body.ambientTemperatureC.map { unit(scale($0, ambientTemperatureRange)) }, 0.45),
            ((neural.beta + neural.gamma) / 2, 0.20),
        ]) ?? 0.5

        let sensorsPresent = [body.cpuTemperatureC, body.ambientTemperatureC, body.humidityPercent, body.lightLux, body.pressureHPa]
            .filter { $0 != nil }.count
        let light = body.lightLux.map { lux in lux <= 1 ? 0 : min(1, log10(lux) / log10(max(10, lightMaxLux))) }
        let clarity = weightedMean([
            (0.5, 0.50),  // prediction accuracy: the reference's neutral fallback (no learning system here)
            (Double(sensorsPresent) / 5, 0.15),
            (light.map(unit), 0.15),
            (neural.alpha, 0.30),
        ]) ?? 0.5

        let instability = weightedMean([
            (body.humidityPercent.map { min(1, abs($0 - idealHumidityPercent) / idealHumidityPercent) }, 0.25),
            (body.memoryPercent.map { min(1, $0 / 100) }, 0.30),
            (Double(5 - sensorsPresent) / 5, 0.20),
            (body.pressureHPa.map { min(1, abs($0 - idealPressureHPa) / 20) }, 0.15),
            (1 - (neural.theta + neural.delta) / 2, 0.10),
        ]) ?? 0.5

        let void = weightedMean([
            (body.diskPercent.map { $0 / 100 }, 0.25),
            (body.memoryPercent.map { min(1, $0 / 100) }, 0.30),
            (body.cpuPercent.map { min(1, $0 / 100) }, 0.25),
            (neural.gamma, 0.20),
        ]) ?? 0.5

        return AnimaState(
            warmth: rounded(warmth), clarity: rounded(clarity), stability: rounded(1 - instability), presence: rounded(1 - void),
            lightLux: body.lightLux)
    }

    static func unit(_ value: Double) -> Double { min(1, max(0, value)) }

    static func scale(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        (value - range.lowerBound) / (range.upperBound - range.lowerBound)
    }

    /// Mean of the present values by their weights; nil if none is present.
    static func weightedMean(_ terms: [(Double?, Double)]) -> Double? {
        let present = terms.compactMap { value, weight in value.map { ($0, weight) } }
        let totalWeight = present.reduce(0) { $0 + $1.1 }
        guard totalWeight > 0 else { return nil }
        return present.reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
    }

    /// Clamped to [0, 1] and rounded to 3 decimals; a NaN from a broken reading becomes the neutral 0.5.
    static func rounded(_ value: Double) -> Double {
        guard !value.isNaN else { return 0.5 }
        return (min(1, max(0, value)) * 1000).rounded() / 1000
    }
}

#if canImport(Glibc)
import Glibc
#endif
