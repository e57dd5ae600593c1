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

    init(configuration: RuntimeConfiguration, store: AnimaStore, clock: @escaping @Sendable () -> Double, logger: Logger) throws(RuntimeError) {
        self.logger = logger
        drawingUploads = store.drawingUploads
        let interval: Double
        do {
            interval = try configuration.governanceInterval
        } catch {
            throw .configuration(error.description)
        }
        guard let url = configuration.governanceURL else {
            client = nil
            return
        }
        guard let tokenFile = configuration.tokenFile else {
            throw .configuration("governance.url is set but governance.token_file is not: give --token-file FILE (mode 0600)")
        }
        do {
            let clientConfiguration = try GovernanceClientConfiguration(
                hostURL: url, tokenFile: tokenFile, interval: interval, caFile: configuration.governanceCAFile)
            client = GovernanceClient(
                configuration: clientConfiguration, outbox: store.outbox, runtimeState: store.runtimeState,
                drawings: store.drawingUploads, clock: clock, logger: logger)
        } catch {
            throw .configuration(error.description)
        }
    }

    /// The verdict in force (host, or local fallback while the host is unreachable); nil when ungoverned.
    var currentVerdict: AppliedVerdict? { client?.currentVerdict }

    /// Called every loop iteration: queues a summary when the interval has passed (or `force`, at a drawing's end).
    func tick(anima: AnimaState, drawing: DrawingReport, identity: IdentityReport, force: Bool = false) {
        guard let client, force || client.isSummaryDue() else { return }
        let reading = AnimaReading(warmth: anima.warmth, clarity: anima.clarity, stability: anima.stability, presence: anima.presence)
        do {
            try client.enqueue(anima: reading, drawing: drawing, identity: identity)
        } catch {
            logger.error("governance: could not queue a summary: \(error)")
        }
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

    /// Stops the sender and makes one bounded attempt to send what is left. The sender is not cancelled mid-request
    /// (that would throw away an answer the host already gave): it finishes its round, then the flush drains the rest.
    func stop(flushTimeout: Double) {
        stopping.withLock { $0 = true }
        let running = sender.withLock { task in
            defer { task = nil }
            return task
        }
        guard let client else { return }
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<SyncReport?>(nil)
        Task.detached {
            await running?.value
            let report = await client.flushOnShutdown(timeout: flushTimeout)
            result.withLock { $0 = report }
            done.signal()
        }
        // The client bounds its attempt by `flushTimeout`; the extra margin covers a loaded machine starting the task.
        if done.wait(timeout: .now() + flushTimeout * 2 + 2) == .timedOut {
            logger.warning("governance: the shutdown flush did not finish in \(flushTimeout) s; the outbox keeps the rest")
        } else if let report = result.withLock({ $0 }) {
            logger.info("governance: shutdown flush sent \(report.accepted + report.duplicates), \(report.remaining) remain queued")
        }
    }
}
