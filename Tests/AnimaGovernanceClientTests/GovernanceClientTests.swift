import AnimaStore
import Foundation
import GovernanceCore
import Testing

@testable import AnimaGovernanceClient

@Suite struct GovernanceClientTests {
    @Test func successfulBatchDeletesRowsAndStoresTheHostVerdict() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [hostReply()])
        let client = try fixture.client(transport)
        let queued = try fixture.enqueue(client, count: 3)
        #expect(try fixture.store.outbox.depth() == 3)

        let report = await client.syncNow()
        #expect(report.accepted == 3 && report.remaining == 0 && report.batches == 1 && report.error == nil)
        #expect(try fixture.store.outbox.depth() == 0)

        let request = try #require(transport.requests.first)
        #expect(request.url == "https://governance.example:8767/v1/summaries")
        #expect(request.headers["Authorization"] == "Bearer \(ClientFixture.token)")
        #expect(request.headers["Content-Type"] == "application/json")
        let sent = try SummaryValidator.decodeBatch(request.body)
        #expect(sent.summaries.map(\.id) == queued.map(\.id))
        #expect(sent.summaries[0].recordedAt == 1_795_705_200)

        #expect(client.currentVerdict?.source == .host && client.currentVerdict?.action == .proceed)
        let stored = try fixture.store.runtimeState.value(AppliedVerdict.self, forKey: GovernanceStateKeys.lastVerdict)
        #expect(stored?.source == .host && stored?.margin == .comfortable)
        #expect(try fixture.store.runtimeState.counter(GovernanceStateKeys.summariesCreated) == 3)
        #expect(try fixture.store.runtimeState.counter(GovernanceStateKeys.summariesSent) == 3)
        let lastSync = try fixture.store.runtimeState.value(SyncReport.self, forKey: GovernanceStateKeys.lastSync)
        #expect(lastSync?.accepted == 3 && lastSync?.remaining == 0)
    }

    @Test func batchesHoldAtMostOneHundred() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [hostReply()])
        let client = try fixture.client(transport)
        try fixture.enqueue(client, count: 250)
        let report = await client.syncNow()
        #expect(report.accepted == 250 && report.batches == 3 && report.remaining == 0)
        let sizes = try transport.requests.map { try SummaryValidator.decodeBatch($0.body).summaries.count }
        #expect(sizes == [100, 100, 50])
    }

    @Test func serverErrorsKeepRowsBackOffOpenTheCircuitAndHalfOpen() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [status(500, "database down")])
        let client = try fixture.client(transport)
        try fixture.enqueue(client, count: 2)

        var waits: [Double] = []
        for attempt in 1...4 {
            let report = try #require(await client.sendIfDue())
            #expect(report.attempted && report.remaining == 2 && report.accepted == 0)
            #expect(report.error?.contains("HTTP 500: database down") == true)
            let status = client.status
            #expect(status.consecutiveFailures == attempt)
            #expect(status.circuit == (attempt >= 3 ? .open : .closed))
            let wait = status.nextAttemptAt - fixture.clock.now
            waits.append(wait)
            // Not before the wait is over: no request goes out.
            fixture.clock.advance(wait / 2)
            #expect(await client.sendIfDue() == nil)
            fixture.clock.advance(wait / 2 + 0.001)
        }
        #expect(transport.requests.count == 4)
        #expect(try fixture.store.outbox.depth() == 2)
        // 5, 10, 20, 40 s shortened by at most 20 % jitter: within bounds and growing.
        for (index, wait) in waits.enumerated() {
            let nominal = 5.0 * Double(1 << index)
            #expect(wait > nominal * 0.8 - 1e-9 && wait <= nominal)
        }
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $0 < $1 })
        // The same seed gives the same schedule.
        var a = RetryBackoff(), b = RetryBackoff()
        var ra = SplitMix64(seed: 42), rb = SplitMix64(seed: 42)
        for _ in 0..<6 { #expect(a.recordFailure(at: 0, using: &ra) == b.recordFailure(at: 0, using: &rb)) }

        // The wait is over: half-open; the host is back, the probe succeeds and the queue drains.
        #expect(client.status.circuit == .halfOpen)
        transport.script([hostReply()])
        let report = try #require(await client.sendIfDue())
        #expect(report.accepted == 2 && report.remaining == 0)
        #expect(client.status.circuit == .closed && client.status.consecutiveFailures == 0)
    }

    @Test func unauthorizedGivesATokenMessageAndKeepsRows() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [status(401, "unknown token")])
        let client = try fixture.client(transport)
        try fixture.enqueue(client)
        let report = await client.syncNow()
        let message = try #require(report.error)
        #expect(message.contains("refused the device token (HTTP 401: unknown token)"))
        #expect(message.contains("governance-host agents create"))
        #expect(!message.contains(ClientFixture.token))
        #expect(report.remaining == 1)
        #expect(client.status.lastError == .unauthorized(status: 401, detail: "unknown token"))
        // Not retried hot: the backoff holds the next attempt.
        #expect(await client.sendIfDue() == nil)
        #expect(transport.requests.count == 1)
    }

    @Test func rejectedBatchKeepsRowsAndReportsTheField() async throws {
        let fixture = try ClientFixture()
        let reply = ScriptedHTTPTransport.Reply.response(
            HTTPResponse(status: 400, body: Array(#"{"error":"1.5 is outside [0, 1]","field":"summaries[0].anima.warmth"}"#.utf8)))
        let transport = ScriptedHTTPTransport(replies: [reply])
        let client = try fixture.client(transport)
        try fixture.enqueue(client, count: 2)
        let report = await client.syncNow()
        #expect(client.status.lastError == .rejected(status: 400, detail: "1.5 is outside [0, 1]", field: "summaries[0].anima.warmth"))
        #expect(report.remaining == 2 && transport.requests.count == 1)
        #expect(await client.sendIfDue() == nil)
    }

    @Test func pauseHoldsUntilProceedAndSurvivesARestart() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [hostReply(action: .pause)])
        let client = try fixture.client(transport)
        #expect(!client.shouldPause)
        try fixture.enqueue(client)
        _ = await client.syncNow()
        #expect(client.shouldPause && client.currentVerdict?.source == .host)

        // A new process on the same anima.db stays paused.
        let restarted = try fixture.client(transport)
        #expect(restarted.shouldPause && restarted.currentVerdict?.reason == "void_pause")

        // Nothing to send: the pause stays. The next accepted batch says proceed: drawing resumes.
        _ = await restarted.syncNow()
        #expect(restarted.shouldPause)
        transport.script([hostReply(action: .proceed)])
        try fixture.enqueue(restarted)
        _ = await restarted.syncNow()
        #expect(!restarted.shouldPause && restarted.currentVerdict?.action == .proceed)
    }

    @Test func unreachableHostFallsBackToTheLocalVerdict() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [.failure(TransportError(message: "connection refused"))])
        let client = try fixture.client(transport)
        // Presence .2 → V .24, .09 past the .15 void edge: the local fallback pauses with a warning.
        try fixture.enqueue(client, presence: 0.2)
        let report = await client.syncNow()
        #expect(report.error == "cannot reach the governance host: connection refused; will retry with backoff")
        let verdict = try #require(client.currentVerdict)
        #expect(verdict.source == .local && verdict.action == .pause && verdict.margin == .warning)
        #expect(verdict.reason == "Crossed void threshold by 0.09")
        #expect(try fixture.store.runtimeState.value(AppliedVerdict.self, forKey: GovernanceStateKeys.lastVerdict) == verdict)
        // Still unreachable: each new summary re-assesses locally (presence back to 1 → proceed).
        fixture.clock.advance(180)
        try fixture.enqueue(client, presence: 1)
        #expect(client.currentVerdict?.source == .local && client.currentVerdict?.action == .proceed)
        #expect(client.currentVerdict?.margin == .tight)
    }

    @Test func flushOnShutdownMakesOneBoundedAttempt() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [status(503)])
        let client = try fixture.client(transport)
        try fixture.enqueue(client, count: 150)
        let failed = await client.flushOnShutdown(timeout: 2)
        #expect(failed.remaining == 150 && failed.error != nil && transport.requests.count == 1)
        // Even with the backoff running, the shutdown flush tries (once more) and drains when the host answers.
        transport.script([hostReply()])
        let flushed = await client.flushOnShutdown(timeout: 2)
        #expect(flushed.accepted == 150 && flushed.remaining == 0 && flushed.batches == 2)
        fixture.clock.advance(60)
        let none = await client.syncNow()
        #expect(none.batches == 0 && none.remaining == 0 && transport.requests.count == 3)
        // The empty sync did not replace the record of the last real one.
        let lastSync = try fixture.store.runtimeState.value(SyncReport.self, forKey: GovernanceStateKeys.lastSync)
        #expect(lastSync?.accepted == 150 && lastSync?.at == 1_795_705_200)
    }

    @Test func summaryIsDueEveryInterval() throws {
        let fixture = try ClientFixture()
        let client = try fixture.client(ScriptedHTTPTransport(replies: [hostReply()]))
        #expect(client.isSummaryDue())
        try fixture.enqueue(client)
        fixture.clock.advance(179)
        #expect(!client.isSummaryDue())
        fixture.clock.advance(1)
        #expect(client.isSummaryDue())
    }

    /// Issue 19 item 11: kill -9 between queueing a summary and counting it left `summaries_created` behind the outbox.
    /// The count's write is made to fail here (a trigger, where a crash would stop it): the summary must not be queued
    /// without its count.
    @Test func aSummaryIsQueuedAndCountedInOneTransaction() throws {
        let fixture = try ClientFixture()
        let client = try fixture.client(ScriptedHTTPTransport(replies: [hostReply()]))
        try fixture.enqueue(client)
        try fixture.store.database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_count BEFORE UPDATE ON runtime_state WHEN NEW.key = 'governance.summaries_created'
                BEGIN SELECT RAISE(ABORT, 'simulated crash before the count'); END
                """)
        }
        #expect(throws: GovernanceClientError.self) { try fixture.enqueue(client) }
        #expect(try fixture.store.outbox.depth() == 1)
        #expect(try fixture.store.runtimeState.counter(GovernanceStateKeys.summariesCreated) == 1)
    }
}
