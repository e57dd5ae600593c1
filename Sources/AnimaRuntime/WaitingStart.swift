import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starting on a full disk, or on a card the kernel remounted read-only. anima.db cannot record the awakening, so the
/// creature cannot start; exiting would have systemd start it again every 5 s (`RestartSec`), each start failing and
/// logging the same way, for as long as the disk stays full. Instead the process stays up and waits: it tells systemd
/// so (READY=1 with a "waiting" status, then WATCHDOG=1 every second, so neither the start timeout nor the watchdog
/// kills it), says why once and then every `reminderInterval`, retries the start every `retryInterval` and stops
/// cleanly on SIGTERM, SIGINT or SIGHUP. Any other start failure is thrown at once.
public struct WaitingStart {
    public var retryInterval: Double
    public var reminderInterval: Double
    public var clocks: any SystemClocks

    public init(retryInterval: Double = 5, reminderInterval: Double = 3600, clocks: any SystemClocks = KernelClocks()) {
        self.retryInterval = retryInterval
        self.reminderInterval = reminderInterval
        self.clocks = clocks
    }

    /// `make()`'s value once the disk lets it start, or nil when a signal asked to stop while waiting.
    public func start<Value>(
        shutdown: ShutdownSignal, notifier: SystemdNotifier, logger: Logger, _ make: () throws(RuntimeError) -> Value
    ) throws(RuntimeError) -> Value? {
        var waitingSince: Double?
        var remindedAt = 0.0
        var reason: RuntimeError?
        while true {
            do {
                let value = try make()
                // Said after the start's own lines ("awake: …"): only a start that succeeded shows the disk had room.
                if let waitingSince, let reason {
                    logger.notice("started once \(Self.resolved(reason)), after \(Int(clocks.monotonic() - waitingSince)) s of waiting")
                }
                return value
            } catch {
                guard error.isWaitable else { throw error }
                let (what, message) = Self.describe(error)
                let now = clocks.monotonic()
                if waitingSince == nil {
                    waitingSince = now
                    remindedAt = now
                    reason = error
                    logger.error("cannot start: \(message)")
                    notifier.ready(status: "waiting: \(what)")
                } else if now - remindedAt >= reminderInterval {
                    remindedAt = now
                    logger.error("still waiting for \(Self.awaited(error)) after \(Int(now - (waitingSince ?? now))) s: \(message)")
                }
            }
            let retryAt = clocks.monotonic() + retryInterval
            while clocks.monotonic() < retryAt {
                if shutdown.isRequested {
                    logger.notice("stopped while waiting for \(reason.map(Self.awaited) ?? "the data directory")")
                    return nil
                }
                notifier.watchdog()
                usleep(UInt32(min(0.25, retryInterval) * 1_000_000))
            }
        }
    }

    private static func describe(_ error: RuntimeError) -> (what: String, message: String) {
        if case let .readOnly(message) = error { return ("read-only file system", message) }
        return ("disk full", error.description)
    }

    private static func awaited(_ error: RuntimeError) -> String {
        if case .readOnly = error { return "a writable data directory" }
        return "disk space"
    }

    private static func resolved(_ error: RuntimeError) -> String {
        if case .readOnly = error { return "the data directory was writable again" }
        return "disk space was freed"
    }
}
