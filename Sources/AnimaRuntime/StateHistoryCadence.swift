import AnimaDrawing
import AnimaStore

/// Samples `state_history` rows while the creature runs, so `recover_lost_time` (sums of gaps ≤ 600 s between rows)
/// has something to read after a crash, and an adopted reference creature's history continues.
///
/// The reference writes state_history only when an MCP client calls `get_state` (anima-mcp
/// `handlers/state_queries.py`); its main loop persists its sensor time series every 15 iterations of the ~2 s
/// loop, ~30 s (`server.py`, `SYSTEM_METRICS_RECORD_INTERVAL`). We use that cadence for state_history: one row per
/// 30 s of run-clock time, with the readings under the reference's `SensorReadings.to_dict()` names. Rows wait in
/// memory until the run's next store flush (`StoreFlush`), which writes them in one transaction with everything else
/// due, so the SD card sees one write burst every five minutes instead of one every 30 s per table.
public struct StateHistoryCadence {
    public static let interval = 30.0
    /// Rows kept while writes fail (a full disk): an hour's worth; older ones go first.
    public static let pendingBound = 120
    private var lastSampled: Double?
    public private(set) var pending: [StateSample] = []

    public init() {}

    /// True when a row is due at `now` (run-clock seconds). A clock that went backwards (or a NaN) samples at once
    /// and restarts the cadence from there, rather than stalling until the old time comes round again.
    public mutating func isDue(now: Double) -> Bool {
        guard now.isFinite else { return false }
        guard let lastSampled, now >= lastSampled else { return true }
        return now - lastSampled >= Self.interval
    }

    /// Keeps a row for the next flush if one is due; returns whether it did.
    @discardableResult
    public mutating func sample(_ anima: AnimaState, readings: BodyReadings?, now: Double) -> Bool {
        guard isDue(now: now) else { return false }
        pending.append(StateSample(
            time: now, warmth: anima.warmth, clarity: anima.clarity, stability: anima.stability, presence: anima.presence,
            sensors: readings.map(Self.sensors) ?? [:]))
        if pending.count > Self.pendingBound { pending.removeFirst(pending.count - Self.pendingBound) }
        lastSampled = now
        return true
    }

    /// Writes the rows kept so far in one transaction. A failed write is thrown; the rows stay for the next flush.
    public mutating func flush(into identity: IdentityStore) throws(StoreError) {
        guard !pending.isEmpty else { return }
        try identity.recordStates(pending)
        pending.removeAll()
    }

    /// The readings under the reference's names (absent sensors are left out, never written as made-up values).
    static func sensors(_ readings: BodyReadings) -> [String: Double] {
        var sensors: [String: Double] = [:]
        let named: [(String, Double?)] = [
            ("cpu_temp_c", readings.cpuTemperatureC), ("cpu_percent", readings.cpuPercent),
            ("memory_percent", readings.memoryPercent), ("disk_percent", readings.diskPercent),
            ("ambient_temp_c", readings.ambientTemperatureC), ("humidity_pct", readings.humidityPercent),
            ("light_lux", readings.lightLux), ("pressure_hpa", readings.pressureHPa),
            ("eeg_delta_power", readings.neural?.delta), ("eeg_theta_power", readings.neural?.theta),
            ("eeg_alpha_power", readings.neural?.alpha), ("eeg_beta_power", readings.neural?.beta),
            ("eeg_gamma_power", readings.neural?.gamma),
        ]
        for (name, value) in named { if let value, value.isFinite { sensors[name] = value } }
        if let bits = readings.throttleBits {
            sensors["throttle_bits"] = Double(bits)
            sensors["undervoltage_now"] = bits & 0x1 != 0 ? 1 : 0
            sensors["throttled_now"] = bits & 0x2 != 0 ? 1 : 0
            sensors["freq_capped_now"] = bits & 0x4 != 0 ? 1 : 0
        }
        return sensors
    }
}
