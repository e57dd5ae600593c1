import AnimaDrawing
import Foundation
import Logging

/// Records the engine's every-10-marks snapshots into `drawing_history` without ever blocking or throwing
/// into the drawing loop.
///
/// `record` appends to a bounded in-memory queue under a lock (a few hundred nanoseconds) and returns. A
/// dedicated writer thread commits what is queued in one transaction per batch, every `commitInterval`
/// seconds or as soon as `batchSize` rows wait, so a row reaches SQLite within about `commitInterval`
/// (≤ 1 s). All writes go through GRDB's writer queue, the database's single owner of writes. A failed batch
/// is counted in `status.failures` and logged once per burst of failures; the drawing loop never sees it.
/// If the writer falls behind by more than `bound` rows the oldest queued rows are dropped and counted.
public final class DrawingHistoryRecorder: Sendable {
    /// Tuning for the writer; the defaults keep the latency under 1 s and the memory under ~15 MB.
    public struct Configuration: Sendable {
        public var bound: Int
        public var batchSize: Int
        public var commitInterval: Double

        public init(bound: Int = 50_000, batchSize: Int = 100, commitInterval: Double = 0.25) {
            self.bound = max(1, bound)
            self.batchSize = max(1, batchSize)
            self.commitInterval = min(max(commitInterval, 0.001), 1.0)
        }
    }

    private let queue: RecorderQueue

    init(database: AnimaDatabase, configuration: Configuration = Configuration(), logger: Logger) {
        queue = RecorderQueue(configuration: configuration)
        let queue = self.queue
        let thread = Thread { queue.runWriter(database: database, logger: logger) }
        thread.name = "anima.store.recorder"
        thread.start()
    }

    deinit { queue.stop() }

    /// Queues `snapshot` for `drawing_history`. Never blocks on I/O, never throws.
    public func record(_ snapshot: DrawingSnapshot) { queue.enqueue(snapshot) }

    /// Blocks until every snapshot queued before this call is committed (or counted as failed).
    public func flush() { queue.flush() }

    /// A consistent copy of the counters.
    public var status: RecorderStatus { queue.currentStatus() }

    /// Flushes, then stops the writer thread; later `record` calls count as failures.
    func close() { queue.stop() }
}

/// The recorder's shared state: the queue, the counters and the condition both threads wait on.
/// Everything mutable is touched only with `condition` locked.
private final class RecorderQueue: @unchecked Sendable {
    private let configuration: DrawingHistoryRecorder.Configuration
    private let condition = NSCondition()
    private var pending: [DrawingSnapshot] = []
    private var spare: [DrawingSnapshot] = []
    private var status = RecorderStatus()
    /// Snapshots accepted by `enqueue`, and those settled (committed, failed or dropped): flush waits for
    /// `settled` to reach the `accepted` it saw.
    private var accepted = 0
    private var settled = 0
    private var flushWaiters = 0
    private var stopping = false
    private var writerFinished = false

    init(configuration: DrawingHistoryRecorder.Configuration) {
        self.configuration = configuration
        pending.reserveCapacity(configuration.batchSize * 4)
        spare.reserveCapacity(configuration.batchSize * 4)
    }

    func enqueue(_ snapshot: DrawingSnapshot) {
        condition.lock()
        guard !stopping else {
            status.failures += 1
            status.lastError = "recorder closed: snapshot at mark \(snapshot.marks) not recorded"
            condition.unlock()
            return
        }
        pending.append(snapshot)
        accepted += 1
        if pending.count > configuration.bound {
            pending.removeFirst()
            status.dropped += 1
            settled += 1
        }
        // Wake the writer for the first row (it sleeps while the queue is empty) and for a full batch.
        let wakeWriter = pending.count == 1 || pending.count == configuration.batchSize
        condition.unlock()
        if wakeWriter { condition.broadcast() }
    }

    func flush() {
        condition.lock()
        let target = accepted
        flushWaiters += 1
        condition.broadcast()
        while settled < target && !writerFinished { condition.wait() }
        flushWaiters -= 1
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !writerFinished { condition.wait() }
        condition.unlock()
    }

    func currentStatus() -> RecorderStatus {
        condition.lock()
        defer { condition.unlock() }
        var copy = status
        copy.queued = pending.count
        return copy
    }

    /// The writer thread's loop: wait for a full batch, a flush, a stop or the interval; commit; repeat.
    func runWriter(database: AnimaDatabase, logger: Logger) {
        var failing = false
        condition.lock()
        while true {
            // Sleep until a row arrives (or stop), then give the batch up to `commitInterval` to fill.
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty { break }
            let deadline = Date(timeIntervalSinceNow: configuration.commitInterval)
            while pending.count < configuration.batchSize && flushWaiters == 0 && !stopping {
                if !condition.wait(until: deadline) { break }
            }
            swap(&pending, &spare)
            condition.unlock()

            // `spare` is the writer's alone between the swap and the next lock, so it is read unlocked.
            let batchCount = spare.count
            var failure: StoreError?
            do {
                try database.write { db in
                    let statement = try db.cachedStatement(sql: DrawingHistorySQL.insert)
                    for snapshot in self.spare {
                        try statement.execute(arguments: DrawingHistorySQL.arguments(snapshot))
                    }
                }
            } catch {
                failure = error
            }
            let now = Date().timeIntervalSince1970
            if let failure, !failing {
                logger.error(
                    "drawing_history: commit of \(batchCount) rows failed; counting failures until a commit succeeds",
                    metadata: ["error": "\(failure)"])
            } else if failure == nil, failing {
                logger.notice("drawing_history: commits succeed again")
            }
            failing = failure != nil

            condition.lock()
            spare.removeAll(keepingCapacity: true)
            if let failure {
                status.failures += batchCount
                status.lastError = failure.description
            } else {
                status.committed += batchCount
                status.lastCommitAt = now
            }
            settled += batchCount
            condition.broadcast()
        }
        writerFinished = true
        condition.broadcast()
        condition.unlock()
    }
}
