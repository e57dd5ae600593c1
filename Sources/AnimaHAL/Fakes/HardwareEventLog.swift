import Foundation

/// One thing a fake device saw, for tests that check the order of events across devices (D/C before data, LED
/// clock against data).
public enum HardwareEvent: Sendable, Equatable {
    case gpio(line: String, high: Bool)
    case spiWrite(device: String, bytes: [UInt8], speedHz: UInt32)
    case i2cWrite(bus: Int, address: UInt16, bytes: [UInt8])
    case pwm(channel: String, dutyCycle: Double)
    case wait(milliseconds: UInt32)
}

/// A shared, ordered record of what several fakes did. Locked, so a `RecordingDelay` (which is Sendable) may hold it.
public final class HardwareEventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HardwareEvent] = []

    public init() {}

    public func append(_ event: HardwareEvent) {
        lock.withLock { recorded.append(event) }
    }

    /// Every event, in order.
    public var events: [HardwareEvent] { lock.withLock { recorded } }

    public func removeAll() {
        lock.withLock { recorded.removeAll() }
    }
}
