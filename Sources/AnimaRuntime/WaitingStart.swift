import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starting on a full disk. anima.db cannot record the awakening, so the creature cannot start; exiting would have
/// systemd start it again every 5 s (`RestartSec`), each start failing and logging the same way, for as long as the
/// disk stays full. Instead the process stays up and waits: it tells systemd so (READY=1 with a "waiting" status, then
/// WATCHDOG=1 every second, so neither the start timeout nor the watchdog kills it), says "disk full" with the free
/// space once and then every `reminderInterval`, retries the start every `retryInterval` and stops cleanly on
/// SIGTERM, SIGINT or SIGHUP. Any other start failure is thrown at once.
public struct DiskFullStart {
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
        while true {
            do {
                let value = try make()
                // Said after the start's own lines ("awake: …"): only a start that succeeded shows the disk had room.
                if let waitingSince {
                    logger.notice("started once disk space was freed, after \(Int(clocks.monotonic() - waitingSince)) s of waiting")
                }
                return value
            } catch {
                guard case let .diskFull(message) = error else { throw error }
                let now = clocks.monotonic()
                if waitingSince == nil {
                    waitingSince = now
                    remindedAt = now
                    logger.error("cannot start: \(message)")
                    notifier.ready(status: "waiting: disk full")
                } else if now - remindedAt >= reminderInterval {
                    remindedAt = now
                    logger.error("still waiting for disk space after \(Int(now - (waitingSince ?? now))) s: \(message)")
                }
            }
            let retryAt = clocks.monotonic() + retryInterval
            while clocks.monotonic() < retryAt {
                if shutdown.isRequested {
                    logger.notice("stopped while waiting for disk space")
                    return nil
                }
                notifier.watchdog()
                usleep(UInt32(min(0.25, retryInterval) * 1_000_000))
            }
        }
    }
}
