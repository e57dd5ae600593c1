/// Where the engine reads "now" (seconds since 1970, UTC). Every seconds threshold of the spec — 45 s false start,
/// 60 s save floor and grace, 900 s stall, 8 h limit, 5 s pause, 15 s persistence — reads this clock, so a simulation
/// on a virtual clock behaves exactly as the creature would in real time.
public protocol DrawingClock: AnyObject {
    func now() -> Double
    /// Seconds to add to UTC for local wall-clock time (the drawing goal's hour and PNG file names use it).
    func localOffsetSeconds(at time: Double) -> Double
}

extension DrawingClock {
    public func localOffsetSeconds(at time: Double) -> Double { 0 }
}

/// A clock that only moves when told to: simulations and tests advance it by a fixed step per `draw()` call.
public final class VirtualClock: DrawingClock {
    private var current: Double
    private let offset: Double

    /// `start` defaults to 2026-01-01T00:00:00Z; `localOffset` shifts local time from UTC.
    public init(start: Double = 1_767_225_600, localOffset: Double = 0) {
        current = start
        offset = localOffset
    }

    public func now() -> Double { current }
    public func localOffsetSeconds(at time: Double) -> Double { offset }

    public func advance(by seconds: Double) { current += seconds }
    public func set(_ time: Double) { current = time }
}
