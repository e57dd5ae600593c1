#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kernel's two clocks. The wall clock steps whenever NTP or a person sets it (−1 h, +1 day); the monotonic one
/// never does. `RunClock` reads both through this protocol so a test can step the wall clock at will.
public protocol SystemClocks: Sendable {
    /// Seconds since 1970, UTC (CLOCK_REALTIME).
    func wall() -> Double
    /// Seconds since boot, time suspended included (CLOCK_BOOTTIME); never steps.
    func monotonic() -> Double
}

/// The real clocks.
public struct KernelClocks: SystemClocks {
    public init() {}

    public func wall() -> Double { Self.read(CLOCK_REALTIME) }

    public func monotonic() -> Double {
        #if os(Linux)
        Self.read(CLOCK_BOOTTIME)
        #else
        Self.read(CLOCK_MONOTONIC)
        #endif
    }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
