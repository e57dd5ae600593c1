#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `anima run` stopped, said in its last log lines: a run bounded by marks can go on forever while governance
/// pauses drawing, so a virtual-clock run also has a bound in simulated time, and the log says which one ended it.
enum RunStopReason: Equatable, CustomStringConvertible {
    case signal(Int32)
    case marks(Int)
    /// The virtual clock reached this time (seconds since 1970): `--max-sim-time` or `--until`.
    case simulatedTime(Double)

    var description: String {
        switch self {
        case let .signal(number): return "signal \(Self.name(of: number))"
        case let .marks(count): return "\(count) marks reached (--marks)"
        case let .simulatedTime(end): return "simulated time reached (\(StatusTime.format(end)), --max-sim-time/--until)"
        }
    }

    private static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return String(signal)
        }
    }
}
