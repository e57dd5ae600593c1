import AnimaStore
import Foundation
import GovernanceCore
import Logging
import JSONDocument

/// The device's side of the bridge: queues summaries in anima.db's outbox, sends them in batches, and keeps the
/// verdict the creature obeys (the host's, or the §6.7 local fallback while the host cannot be reached).
///
/// Thread-safe. `shouldPause` and `currentVerdict` are cheap reads for the run loop; sending is async and never
/// blocks drawing. Only one sync runs at a time (a second caller gets `attempted: false`); rows leave the outbox
/// only after a 2xx, and the host deduplicates by id, so a retry after a lost answer is harmless.
public final class GovernanceClient: Sendable {
    public let configuration: GovernanceClientConfiguration
    private let outbox: any OutboxStorage
    private let drawings: DrawingUploadQueue?
    private let runtimeState: RuntimeStateStore
    private let transport: any HTTPTransport
    private let clock: @Sendable () -> Double
    private let builder: SummaryBuilder
    private let logger: Logger
    private let state: Locked<ClientState>

    struct ClientState {
        var backoff = RetryBackoff()
        var random: SplitMix64
        var verdict: AppliedVerdict?
        var lastSummaryAt: Double?
        var lastEISV: EISV?
        var syncing = false
        var lastError: GovernanceClientError?
        /// True after a failed summary (verdict) exchange, until the next successful one: only then does the local
        /// fallback apply. A failed drawing upload is not a lost verdict and must not override the host's pause.
        var verdictUnreachable = false
        /// After the host refused a batch, the next attempts send one row at a time until the refused row is found.
        var isolating = false
    }

    /// - Parameters:
    ///   - clock: seconds since 1970 (virtual under `--clock-step`): the interval and the backoff.
    ///   - stampClock: the summaries' `recorded_at` (default `clock`); the runtime's never reads later than the wall
    ///     clock, so a run clock still slewing after a correction, or a simulated run, is not dated in the future.
    ///   - seed: seeds summary ids and jitter; pass a fixed value in tests, leave nil for a random one.
    public init(
        configuration: GovernanceClientConfiguration, outbox: any OutboxStorage, runtimeState: RuntimeStateStore,
        drawings: DrawingUploadQueue? = nil, transport: (any HTTPTransport)? = nil,
        clock: @escaping @Sendable () -> Double, stampClock: (@Sendable () -> Double)? = nil, seed: UInt64? = nil,
        logger: Logger = Logger(label: "anima.governance")
    ) {
        self.configuration = configuration
        self.outbox = outbox
        self.drawings = drawings
        self.runtimeState = runtimeState
        self.transport = transport ?? CurlTransport(caFile: configuration.caFile)
        self.clock = clock
        self.builder = SummaryBuilder(clock: stampClock ?? clock)
        self.logger = logger
        var stored: AppliedVerdict?
        do {
            stored = try runtimeState.value(AppliedVerdict.self, forKey: GovernanceStateKeys.lastVerdict)
        } catch {
            logger.warning("ignoring the stored governance verdict: \(error)")
        }
        self.state = Locked(ClientState(random: SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max)), verdict: stored))
    }

    // MARK: What the run loop reads

    /// The verdict in force (restored from anima.db at start), nil before the first one.
    public var currentVerdict: AppliedVerdict? { state.withLock { $0.verdict } }

    /// True while the verdict in force says pause: the runtime places no new marks until a `proceed`.
    public var shouldPause: Bool { currentVerdict?.action == .pause }

    /// The retry state: circuit, consecutive failures, the earliest next attempt, the last failure.
    public var status: GovernanceClientStatus {
        let now = clock()
        return state.withLock {
            GovernanceClientStatus(
                circuit: $0.backoff.circuit(at: now), consecutiveFailures: $0.backoff.consecutiveFailures,
                nextAttemptAt: $0.backoff.nextAttemptAt, lastError: $0.lastError)
        }
    }

    // MARK: Queueing summaries

    /// True when a whole interval has passed since the last summary this process queued (or none was).
    public func isSummaryDue() -> Bool {
        let now = clock()
        return state.withLock { $0.lastSummaryAt.map { now - $0 >= configuration.interval } ?? true }
    }

    /// Builds a summary (fresh id, now), checks it with the bridge's own validator, and appends it to the outbox.
    /// Call every interval (`isSummaryDue`) and when a drawing completes. While the host is unreachable the local
    /// fallback verdict is re-assessed from this summary.
    @discardableResult
    public func enqueue(anima: AnimaReading, drawing: DrawingReport, identity: IdentityReport) throws(GovernanceClientError)
        -> Summary
    {
        let summary = state.withLock { builder.build(anima: anima, drawing: drawing, identity: identity, using: &$0.random) }
        let payload: [UInt8]
        do {
            payload = Array(try JSONEncoder().encode(summary))
            _ = try SummaryValidator.decodeSummary(try JSONParser.parse(payload), path: "summary")
        } catch {
            throw .invalidSummary("\(error)")
        }
        do {
            // One transaction: a kill -9 between a separate append and count left summaries_created behind the outbox.
            try outbox.append(id: summary.id, payload: payload, at: summary.recordedAt, counting: GovernanceStateKeys.summariesCreated)
        } catch {
            throw .store(error)
        }
        let hostUnreachable = state.withLock { state -> Bool in
            state.lastSummaryAt = clock()  // the interval's clock, not the summary's stamp (which may be the wall's)
            state.lastEISV = summary.eisv
            return state.verdictUnreachable
        }
        if hostUnreachable { applyLocalVerdict() }
        return summary
    }

    // MARK: Sending

    /// Sends if the backoff allows (half-open: one probe batch first). Returns nil when it is not yet time.
    public func sendIfDue() async -> SyncReport? {
        let now = clock()
        let allowed = state.withLock { $0.backoff.mayAttempt(at: now) && !$0.syncing }
        guard allowed else { return nil }
        return await drain(deadline: nil)
    }

    /// `anima sync`: sends everything now, whatever the backoff, until the outbox is empty or a request fails.
    public func syncNow() async -> SyncReport { await drain(deadline: nil) }

    /// On shutdown: one attempt bounded by `timeout` seconds of real time; what is left stays for the next start.
    public func flushOnShutdown(timeout: Double) async -> SyncReport {
        await drain(deadline: ContinuousClock.now.advanced(by: .milliseconds(Int64(max(0, timeout) * 1000))))
    }

    private func drain(deadline: ContinuousClock.Instant?) async -> SyncReport {
        let started = state.withLock { state -> Bool in
            guard !state.syncing else { return false }
            state.syncing = true
            return true
        }
        guard started else { return SyncReport(accepted: 0, duplicates: 0, batches: 0, remaining: depthOrZero(), error: nil, attempted: false, at: clock()) }
        defer { state.withLock { $0.syncing = false } }

        var report = SyncReport(accepted: 0, duplicates: 0, batches: 0, remaining: 0, error: nil, attempted: true, at: clock())
        let sender = OutboxSender(configuration: configuration, outbox: outbox, transport: transport)
        while true {
            guard let timeout = requestTimeout(before: deadline) else { break }
            let isolating = state.withLock { $0.isolating }
            let outcome = await sender.sendOldestBatch(timeout: timeout, limit: isolating ? 1 : nil, now: clock())
            switch outcome {
            case .empty:
                state.withLock { $0.isolating = false }
            case let .delivered(ids, response):
                report.accepted += response.accepted
                report.duplicates += response.duplicates
                report.batches += 1
                recordSuccess(response: response, sent: ids.count)
                continue
            case let .quarantined(_, error):
                report.quarantined += 1
                state.withLock { $0.isolating = false }
                do {
                    try runtimeState.increment(GovernanceStateKeys.summariesQuarantined)
                } catch {
                    logger.warning("cannot count the quarantined summary in anima.db: \(error)")
                }
                logger.warning("\(error); that summary is quarantined (kept in anima.db) and the rest are sent")
                continue
            case let .failed(error):
                report.error = error.description
                if case .rejected = error { state.withLock { $0.isolating = true } }
                recordFailure(error, verdictExchange: true)
            }
            break
        }
        if report.error == nil, let drawings {
            await uploadDrawings(drawings, deadline: deadline, report: &report)
        }
        report.remaining = depthOrZero()
        report.at = clock()
        // Only a sync that talked to the host (or tried to) is "the last sync"; an empty outbox is not news.
        guard report.batches > 0 || report.drawingsUploaded > 0 || report.error != nil else { return report }
        do {
            try runtimeState.set(report, forKey: GovernanceStateKeys.lastSync)
        } catch {
            logger.warning("cannot record the sync in anima.db: \(error)")
        }
        return report
    }

    /// The configured request timeout, shortened to what is left before `deadline`; nil once it has passed.
    private func requestTimeout(before deadline: ContinuousClock.Instant?) -> Double? {
        guard let deadline else { return configuration.requestTimeout }
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return nil }
        return min(configuration.requestTimeout, Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18)
    }

    /// After the summaries: the queued finished drawings, oldest first, while the host takes them.
    private func uploadDrawings(_ queue: DrawingUploadQueue, deadline: ContinuousClock.Instant?, report: inout SyncReport) async {
        let uploader = DrawingUploader(configuration: configuration, queue: queue, transport: transport)
        while true {
            guard let timeout = requestTimeout(before: deadline) else { return }
            switch await uploader.uploadOldest(timeout: timeout, now: clock()) {
            case .empty:
                return
            case .uploaded:
                report.drawingsUploaded += 1
            case let .refused(sha256, error):
                logger.warning("the governance host refused drawing \(sha256.prefix(12)): \(error); its PNG stays in drawings/")
            case let .failed(error):
                report.error = error.description
                recordFailure(error, verdictExchange: false)
                return
            }
        }
    }

    private func recordSuccess(response: SummaryResponse, sent: Int) {
        let verdict = AppliedVerdict(host: response.verdict, at: clock())
        state.withLock {
            $0.backoff.recordSuccess()
            $0.lastError = nil
            $0.verdictUnreachable = false
            $0.verdict = verdict
        }
        do {
            try runtimeState.increment(GovernanceStateKeys.summariesSent, by: sent)
            try runtimeState.set(verdict, forKey: GovernanceStateKeys.lastVerdict)
        } catch {
            logger.warning("cannot record the host's verdict in anima.db: \(error)")
        }
    }

    /// Counts a failure for the backoff. `verdictExchange`: the summaries' request failed, so no verdict came and the
    /// local fallback applies; a failed drawing upload backs off the same way but leaves the verdict in force alone.
    private func recordFailure(_ error: GovernanceClientError, verdictExchange: Bool) {
        let now = clock()
        let delay = state.withLock { state -> Double in
            state.lastError = error
            if verdictExchange { state.verdictUnreachable = true }
            return state.backoff.recordFailure(at: now, using: &state.random)
        }
        logger.warning("\(error) (next attempt in \(Int(delay.rounded())) s)")
        if verdictExchange { applyLocalVerdict() }
    }

    /// The §6.7 fallback from the newest summary this process made; keeps the current verdict if there is none.
    private func applyLocalVerdict() {
        let now = clock()
        let verdict = state.withLock { state -> AppliedVerdict? in
            guard let eisv = state.lastEISV else { return nil }
            let verdict = AppliedVerdict(local: LocalVerdict(eisv: eisv), at: now)
            state.verdict = verdict
            return verdict
        }
        guard let verdict else { return }
        do {
            try runtimeState.set(verdict, forKey: GovernanceStateKeys.lastVerdict)
        } catch {
            logger.warning("cannot record the local verdict in anima.db: \(error)")
        }
    }

    private func depthOrZero() -> Int { (try? outbox.depth()) ?? 0 }
}

/// The client's retry state for `anima status`.
public struct GovernanceClientStatus: Sendable, Equatable {
    public var circuit: RetryBackoff.Circuit
    public var consecutiveFailures: Int
    public var nextAttemptAt: Double
    public var lastError: GovernanceClientError?
}

/// A value behind a lock, for the little state the client shares between the run loop and the sender.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
