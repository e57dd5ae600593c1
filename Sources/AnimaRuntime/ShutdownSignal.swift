import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the run loop polls, so shutdown happens between frames:
/// stop drawing, flush, persist, exit 0. SIGHUP (a closed terminal or SSH session, or `kill -HUP`) is a clean
/// shutdown too, not a reload: a new configuration applies on the next start (`systemctl restart anima`). A second
/// signal while shutting down exits at once (status 130).
public final class ShutdownSignal: Sendable {
    // Kept alive for the object's lifetime; only touched in init.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]
    private let received: Mutex<Int32?> = Mutex(nil)

    public init(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        let queue = DispatchQueue(label: "anima.signals")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: queue)
        }
        for (number, source) in zip(signals, sources) {
            source.setEventHandler { [weak self] in self?.handle(number) }
            source.resume()
        }
    }

    /// The signal that asked us to stop, if any.
    public var requested: Int32? { received.withLock { $0 } }

    public var isRequested: Bool { requested != nil }

    private func handle(_ number: Int32) {
        let isFirst = received.withLock { value -> Bool in
            guard value == nil else { return false }
            value = number
            return true
        }
        if !isFirst { _exit(130) }
    }
}
