import AnimaStore
import Foundation
import Logging
import Synchronization

/// Applies the retention rules (`HistoryRetention`, `DrawingsRetention`) off the drawing thread: shortly after start
/// and then every `interval` of real time. The first pass on an old creature's database can have years of rows to
/// thin; it goes a month of rows per batch with a pause between batches, so the recorder and the identity keep
/// committing, and it stops between batches when the run stops.
final class StoreMaintenance: Sendable {
    static let interval: Double = 6 * 3600
    static let firstPassDelay: Double = 5

    private let store: AnimaStore
    private let drawings: DrawingsRetention
    private let clock: RunClock
    private let logger: Logger
    private let stopped = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    init(store: AnimaStore, drawingsDirectory: String, clock: RunClock, logger: Logger) {
        self.store = store
        drawings = DrawingsRetention(directory: drawingsDirectory)
        self.clock = clock
        self.logger = logger
    }

    func start() {
        let thread = Thread { [self] in
            defer { finished.signal() }
            var nextAt = clock.elapsed() + Self.firstPassDelay
            while !isStopped {
                if clock.elapsed() >= nextAt {
                    runPass()
                    nextAt = clock.elapsed() + Self.interval
                }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        thread.name = "anima.maintenance"
        thread.start()
    }

    /// Asks the pass to end between batches and waits for it (at most `timeout` seconds).
    func stop(timeout: Double = 5) {
        stopped.withLock { $0 = true }
        _ = finished.wait(timeout: .now() + timeout)
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    private func runPass() {
        var removed: [String: Int] = [:]
        do {
            while !isStopped {
                let pass = try store.retention.prune(now: clock.now(), maxDays: 31)
                for (table, count) in pass.removed { removed[table, default: 0] += count }
                if pass.days == 0 { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
        } catch {
            logger.warning("retention: could not thin old history (tried again in \(Int(Self.interval / 3600)) h): \(error)")
        }
        let drawingsRemoved = isStopped ? 0 : drawings.prune()
        if drawingsRemoved > 0 { try? store.runtimeState.increment(DrawingsRetention.prunedKey, by: drawingsRemoved) }
        let rows = HistoryRetention.tables.compactMap { table in
            removed[table.name].flatMap { $0 > 0 ? "\($0) \(table.name) rows older than \(Int(table.fullResolutionDays)) days" : nil }
        }
        guard !rows.isEmpty || drawingsRemoved > 0 else { return }
        var parts = rows.isEmpty ? [] : ["thinned to one an hour: " + rows.joined(separator: ", ")]
        if drawingsRemoved > 0 { parts.append("deleted the \(drawingsRemoved) oldest drawings (keeping \(drawings.keep))") }
        logger.info("retention: \(parts.joined(separator: "; "))")
    }
}
