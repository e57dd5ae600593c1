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

    public init(root: String = "", diskPath: String = "/") {
        self.root = root
        self.diskPath = diskPath
    }

    public func read() -> BodyReadings {
        BodyReadings(
            cpuTemperatureC: cpuTemperature(), cpuPercent: cpuPercent(), memoryPercent: memoryPercent(), diskPercent: diskPercent())
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
