import AnimaDrawing
import AnimaGovernanceClient
import AnimaStore
import Foundation
import GovernanceCore
import Logging
import SHA256Digest
import Synchronization

/// The run loop's side of governance. With a host configured, summaries go into anima.db's outbox every interval and
/// when a drawing completes, and a background task sends them; the client applies the host's verdict, or the local
/// fallback (governance spec §6.7, `source: local`) while the host is unreachable. Without a host configured the
/// creature is ungoverned: no summaries, no verdict (the fallback is for an unreachable host, not for none).
final class GovernanceLink: Sendable {
    let client: GovernanceClient?
    private let logger: Logger
    private let sender: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let stopping = Mutex(false)

    private let drawingUploads: DrawingUploadQueue

    /// The client's settings from the run's configuration, nil when ungoverned. Called before anything is created, so
    /// a wrong `governance.*` value leaves no anima.db and no wake behind.
    static func clientConfiguration(_ configuration: RuntimeConfiguration) throws(RuntimeError) -> GovernanceClientConfiguration? {
        let interval: Double
        do {
            interval = try configuration.governanceInterval
        } catch {
            throw .configuration(error.description)
        }
        guard let url = configuration.governanceURL else { return nil }
        guard let tokenFile = configuration.tokenFile else {
            throw .configuration("governance.url is set but governance.token_file is not: give --token-file FILE (mode 0600)")
        }
        do {
            return try GovernanceClientConfiguration(
                hostURL: url, tokenFile: tokenFile, interval: interval, caFile: configuration.governanceCAFile)
        } catch {
            throw .configuration(error.description)
        }
    }

    /// `clock` paces the interval and backoff; `hostStamp` dates the summaries (never later than the wall clock).
    init(
        configuration clientConfiguration: GovernanceClientConfiguration?, store: AnimaStore, clock: @escaping @Sendable () -> Double,
        hostStamp: @escaping @Sendable () -> Double, logger: Logger
    ) {
        self.logger = logger
        drawingUploads = store.drawingUploads
        client = clientConfiguration.map { clientConfiguration in
            GovernanceClient(
                configuration: clientConfiguration, outbox: store.outbox, runtimeState: store.runtimeState,
                drawings: store.drawingUploads, clock: clock, stampClock: hostStamp, logger: logger)
        }
    }

    /// The verdict in force (host, or local fallback while the host is unreachable); nil when ungoverned.
    var currentVerdict: AppliedVerdict? { client?.currentVerdict }

    /// Called every loop iteration: queues a summary when the interval has passed (or `force`, at a drawing's end).
    /// A failure (a full disk) is the caller's to report, with its own log back-off.
    func tick(anima: AnimaState, drawing: DrawingReport, identity: IdentityReport, force: Bool = false) throws(GovernanceClientError) {
        guard let client, force || client.isSummaryDue() else { return }
        let reading = AnimaReading(warmth: anima.warmth, clarity: anima.clarity, stability: anima.stability, presence: anima.presence)
        try client.enqueue(anima: reading, drawing: drawing, identity: identity)
    }

    /// Queues a finished drawing's PNG for the host (one small SQLite write; the sender uploads it). Ungoverned
    /// creatures keep their drawings to themselves.
    func queueUpload(_ drawing: CompletedDrawing, png: [UInt8], finishedAt: Double) {
        guard client != nil else { return }
        let upload = DrawingUpload(
            sha256: SHA256.hex(png), png: png, era: drawing.era.rawValue, marks: drawing.marks, pixels: drawing.pixels,
            completion: drawing.path.rawValue, finishedAt: finishedAt)
        do {
            try drawingUploads.enqueue(upload)
        } catch {
            logger.error("governance: could not queue the finished drawing for upload: \(error)")
        }
    }

    /// Starts the background sender: every half second (wall time) it sends what is due.
    func startSending() {
        guard let client else { return }
        let task = Task.detached { [self] in
            while !self.stopping.withLock({ $0 }) {
                _ = await client.sendIfDue()
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        sender.withLock { $0 = task }
    }

    /// Stops the sender and makes one attempt to send what is left, all within `flushTimeout` seconds of monotonic time
    /// (systemd's stop timeout and a person at a terminal both wait on it). The sender is not cancelled mid-request
    /// while there is time (that would throw away an answer the host already gave): it finishes its round, then the
    /// flush drains the rest with whatever time is left. A host that does not answer in time leaves the rows queued in
    /// anima.db; nothing leaves the outbox unacknowledged, so abandoning the request loses nothing.
    func stop(flushTimeout: Double) {
        stopping.withLock { $0 = true }
        let running = sender.withLock { task in
            defer { task = nil }
            return task
        }
        guard let client else { return }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(max(0, flushTimeout) * 1000)))
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<SyncReport?>(nil)
        Task.detached {
            await running?.value
            let left = ContinuousClock.now.duration(to: deadline)
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
            let report = await client.flushOnShutdown(timeout: seconds)
            result.withLock { $0 = report }
            done.signal()
        }
        // The margin covers starting the task on a loaded machine, not another request.
        if done.wait(timeout: .now() + max(0, flushTimeout) + Self.flushMargin) == .timedOut {
            running?.cancel()
            logger.warning("governance: the host did not answer within the \(flushTimeout) s shutdown flush; the outbox keeps the rest for the next start")
        } else if let report = result.withLock({ $0 }) {
            logger.info("governance: shutdown flush sent \(report.accepted + report.duplicates), \(report.remaining) remain queued")
        }
    }

    /// How long past the flush deadline shutdown waits for the flush task to report.
    static let flushMargin = 0.25
}
