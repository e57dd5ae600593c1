/// The reference's "computational proprioception" (anima-mcp `computational_neural.py`,
/// `ComputationalNeuralSensor.get_neural_state`): EEG-like bands derived from the Pi's own load. They are the
/// `neural` term of every anima quality, present on every machine, so a Pi without sensor chips still feels
/// something besides "missing" (drawing-engine spec §2.7).
public struct NeuralBands: Sendable, Equatable {
    /// CPU-variance and temperature stability.
    public var delta: Double
    /// I/O wait: disk busy time and network traffic.
    public var theta: Double
    /// Idle share, 1 − beta.
    public var alpha: Double
    /// CPU busy share.
    public var beta: Double
    /// Context switches and interrupts per second.
    public var gamma: Double

    public init(delta: Double, theta: Double, alpha: Double, beta: Double, gamma: Double) {
        self.delta = delta
        self.theta = theta
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
    }

    /// What the reference's sensor returns on its first sample (no rates yet, a one-value history): the bands a
    /// reading without counters maps to.
    public static func firstSample(cpuPercent: Double?) -> NeuralBands {
        let beta = min(1, max(0, (cpuPercent ?? 0) / 100))
        return NeuralBands(delta: 1, theta: 0, alpha: round3(1 - beta), beta: round3(beta), gamma: 0)
    }
}

/// Cumulative kernel counters the bands are rates of (from /proc/stat, /proc/diskstats, /proc/net/dev).
public struct NeuralCounters: Sendable, Equatable {
    public var contextSwitches: UInt64
    public var interrupts: UInt64
    /// Milliseconds the disks were busy (diskstats io_ticks), nil when unreadable.
    public var diskBusyMilliseconds: UInt64?
    /// Bytes sent plus received over all interfaces, nil when unreadable.
    public var networkBytes: UInt64?

    public init(contextSwitches: UInt64, interrupts: UInt64, diskBusyMilliseconds: UInt64? = nil, networkBytes: UInt64? = nil) {
        self.contextSwitches = contextSwitches
        self.interrupts = interrupts
        self.diskBusyMilliseconds = diskBusyMilliseconds
        self.networkBytes = networkBytes
    }
}

/// The stateful part: histories of the last 10 samples and the EMAs of theta (0.3) and gamma (0.2).
public struct ComputationalNeuralSensor: Sendable {
    private var cpuHistory: [Double] = []
    private var temperatureHistory: [Double] = []
    private var previous: (counters: NeuralCounters, time: Double)?
    private var emaTheta: Double?
    private var emaGamma: Double?
    static let window = 10

    public init() {}

    /// One sample at `time` (seconds, monotonic). `counters` nil means the counters could not be read (gamma
    /// degrades to beta/2 as in the reference; theta to 0).
    public mutating func sample(cpuPercent: Double?, cpuTemperatureC: Double?, counters: NeuralCounters?, time: Double) -> NeuralBands {
        // Non-finite readings from a broken source count as absent.
        let cpu = cpuPercent.flatMap { $0.isFinite ? min(100, max(0, $0)) : nil } ?? 0
        let cpuTemperatureC = cpuTemperatureC.flatMap { $0.isFinite ? $0 : nil }
        append(&cpuHistory, cpu)
        if let cpuTemperatureC { append(&temperatureHistory, cpuTemperatureC) }
        let dt = previous.map { time - $0.time } ?? 0
        let beta = min(1, max(0, cpu / 100))

        var gamma = 0.0
        var theta = 0.0
        if let counters {
            if let previous, dt > 0 {
                // Counters that went backwards (a reset, garbage) count as no activity rather than a huge rate.
                let contextRate = Double(counters.contextSwitches &- previous.counters.contextSwitches) / dt
                let interruptRate = Double(counters.interrupts &- previous.counters.interrupts) / dt
                let forward = counters.contextSwitches >= previous.counters.contextSwitches
                    && counters.interrupts >= previous.counters.interrupts
                if forward { gamma = min(1, contextRate / 5000) * 0.6 + min(1, interruptRate / 5000) * 0.4 }
                var disk = 0.0, network = 0.0
                if let busy = counters.diskBusyMilliseconds, let before = previous.counters.diskBusyMilliseconds, busy >= before {
                    disk = min(1, Double(busy - before) / (dt * 2000))
                }
                if let bytes = counters.networkBytes, let before = previous.counters.networkBytes, bytes >= before {
                    network = min(1, Double(bytes - before) / dt / (500 * 1024))
                }
                theta = 0.7 * max(disk, network) + 0.3 * min(disk, network)
            }
            previous = (counters, time)
        } else {
            gamma = beta * 0.5
        }

        let cpuStability = cpuHistory.count >= 2
            ? max(0, 1 - ((cpuHistory.max() ?? 0) - (cpuHistory.min() ?? 0)) / 40) : 1
        var temperatureStability = 1.0
        if let cpuTemperatureC, temperatureHistory.count > 1 {
            let mean = temperatureHistory.reduce(0, +) / Double(temperatureHistory.count)
            temperatureStability = max(0, 1 - abs(cpuTemperatureC - mean) / 10)
        }
        let delta = cpuStability * 0.7 + temperatureStability * 0.3

        let smoothedTheta = emaTheta.map { 0.3 * theta + 0.7 * $0 } ?? theta
        emaTheta = smoothedTheta
        let smoothedGamma = emaGamma.map { 0.2 * gamma + 0.8 * $0 } ?? gamma
        emaGamma = smoothedGamma
        return NeuralBands(
            delta: round3(delta), theta: round3(min(1, max(0, smoothedTheta))), alpha: round3(1 - beta), beta: round3(beta),
            gamma: round3(min(1, max(0, smoothedGamma))))
    }

    private func append(_ history: inout [Double], _ value: Double) {
        history.append(value)
        if history.count > Self.window { history.removeFirst(history.count - Self.window) }
    }
}

func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
