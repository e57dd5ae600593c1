import AnimaFiles

#if canImport(Glibc)
import Glibc
#endif

/// Reads the system metrics every Linux has: CPU temperature (thermal zones), CPU busy % (two samples of /proc/stat),
/// memory % (/proc/meminfo MemAvailable), disk % (statvfs of the data directory). Paths are rooted at `root` so tests
/// use a directory tree instead of /sys and /proc.
public final class LinuxBodyMetrics {
    private let root: String
    private let diskPath: String
    private var previousCPU: (busy: UInt64, total: UInt64)?
    private var neuralSensor = ComputationalNeuralSensor()

    public init(root: String = "", diskPath: String = "/") {
        self.root = root
        self.diskPath = diskPath
    }

    /// `time` is a monotonic reading in seconds (the rates of the neural bands divide by it).
    public func read(time: Double = monotonicSeconds()) -> BodyReadings {
        var readings = BodyReadings(
            cpuTemperatureC: cpuTemperature(), cpuPercent: cpuPercent(), memoryPercent: memoryPercent(), diskPercent: diskPercent())
        readings.throttleBits = throttleBits()
        readings.neural = neuralSensor.sample(
            cpuPercent: readings.cpuPercent, cpuTemperatureC: readings.cpuTemperatureC, counters: neuralCounters(), time: time)
        return readings
    }

    /// The reference runs `vcgencmd get_throttled` (sensors/pi.py `_read_throttle_status`); the Raspberry Pi firmware
    /// driver exposes the same word without a subprocess at /sys/devices/platform/soc/soc:firmware/get_throttled
    /// (hex text, e.g. "50005"). Garbage or absence gives nil.
    func throttleBits() -> UInt32? {
        guard let text = readText("/sys/devices/platform/soc/soc:firmware/get_throttled") else { return nil }
        var hex = text.trimmingWhitespace()
        if hex.hasPrefix("0x") { hex.removeFirst(2) }
        guard !hex.isEmpty, hex.count <= 8 else { return nil }
        return UInt32(hex, radix: 16)
    }

    public static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Context switches and interrupts (/proc/stat `ctxt`, `intr`), whole-disk busy ms (/proc/diskstats io_ticks)
    /// and network bytes (/proc/net/dev, loopback excluded): what psutil's cpu_stats, disk_io_counters and
    /// net_io_counters read for the reference. nil when /proc/stat lacks the two lines.
    func neuralCounters() -> NeuralCounters? {
        guard let stat = readText("/proc/stat") else { return nil }
        var contextSwitches: UInt64?, interrupts: UInt64?
        for line in stat.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "ctxt", fields.count > 1 { contextSwitches = UInt64(fields[1]) }
            if fields.first == "intr", fields.count > 1 { interrupts = UInt64(fields[1]) }
        }
        guard let contextSwitches, let interrupts else { return nil }
        var counters = NeuralCounters(contextSwitches: contextSwitches, interrupts: interrupts)
        if let disks = readText("/proc/diskstats") {
            var busy: UInt64 = 0
            for line in disks.split(separator: "\n") {
                // major minor name reads … ; io_ticks is the 13th field. Partitions and virtual devices are skipped so
                // a busy disk is not counted once per partition.
                let fields = line.split(separator: " ")
                guard fields.count >= 13, Self.isWholeDisk(String(fields[2])), let ticks = UInt64(fields[12]) else { continue }
                busy &+= ticks
            }
            counters.diskBusyMilliseconds = busy
        }
        if let network = readText("/proc/net/dev") {
            var bytes: UInt64 = 0
            for line in network.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = String(line[..<colon]).trimmingWhitespace()
                let fields = line[line.index(after: colon)...].split(separator: " ")
                guard name != "lo", fields.count >= 9, let received = UInt64(fields[0]), let sent = UInt64(fields[8]) else { continue }
                bytes &+= received &+ sent
            }
            counters.networkBytes = bytes
        }
        return counters
    }

    static func isWholeDisk(_ name: String) -> Bool {
        if name.hasPrefix("loop") || name.hasPrefix("ram") || name.hasPrefix("zram") || name.hasPrefix("dm-") { return false }
        for prefix in ["mmcblk", "nvme"] where name.hasPrefix(prefix) {
            // mmcblk0 and nvme0n1 are disks; mmcblk0p1, nvme0n1p2, mmcblk0boot0 and mmcblk0rpmb are not.
            let rest = name.dropFirst(prefix.count)
            return !rest.contains("p") && !rest.contains("boot")
        }
        return !(name.last?.isNumber ?? false)
    }

    /// The first thermal zone that reads: millidegrees Celsius.
    func cpuTemperature() -> Double? {
        for zone in 0..<8 {
            if let text = readText("/sys/class/thermal/thermal_zone\(zone)/temp"),
               let millidegrees = Double(text.trimmingWhitespace()) {
                return millidegrees / 1000
            }
        }
        return nil
    }

    /// Busy share of CPU time since the previous call (nil on the first call).
    func cpuPercent() -> Double? {
        guard let text = readText("/proc/stat"), let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else {
            return nil
        }
        let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard fields.count >= 4 else { return nil }
        let idle = fields[3] + (fields.count > 4 ? fields[4] : 0)
        let total = fields.reduce(0, +)
        defer { previousCPU = (total - idle, total) }
        guard let previous = previousCPU, total > previous.total else { return nil }
        let busy = Double((total - idle) &- previous.busy)
        return min(100, max(0, 100 * busy / Double(total - previous.total)))
    }

    func memoryPercent() -> Double? {
        guard let text = readText("/proc/meminfo") else { return nil }
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2, let value = Double(parts[1]) { values[String(parts[0].dropLast())] = value }
        }
        guard let total = values["MemTotal"], total > 0, let available = values["MemAvailable"] else { return nil }
        return 100 * (1 - available / total)
    }

    func diskPercent() -> Double? {
        var stats = statvfs()
        guard statvfs(diskPath, &stats) == 0, stats.f_blocks > 0 else { return nil }
        let used = Double(stats.f_blocks - stats.f_bfree)
        let usable = used + Double(stats.f_bavail)
        return usable > 0 ? 100 * used / usable : nil
    }

    private func readText(_ path: String) -> String? {
        guard let file = fopen(root + path, "r") else { return nil }
        defer { fclose(file) }
        var result = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            result += buffer.prefix(count)
            if result.count > 1 << 20 { break }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
