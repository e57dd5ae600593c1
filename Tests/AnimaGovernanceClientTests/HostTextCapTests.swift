import AnimaStore
import Foundation
import GovernanceCore
import Testing

@testable import AnimaGovernanceClient

/// Issue 12 item 9: texts the host chooses were stored whole in anima.db and shown in `anima status` every 2 s; a
/// 1 MB verdict reason (still under the 1 MiB reply limit) was copied as is.
@Suite struct HostTextCapTests {
    static let megabyte = String(repeating: "r", count: 1_000_000)

    /// Pins the uncapped verdict reason, in memory and in anima.db.
    @Test func aMegabyteVerdictReasonIsCappedBeforeItIsStored() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [.handler { body in
            let count = (try? SummaryValidator.decodeBatch(body).summaries.count) ?? 0
            let verdict = BridgeVerdict(
                action: .proceed, margin: .comfortable, reason: Self.megabyte, risk: 0.1, coherence: 0.5, E: 0.6, I: 0.8, S: 0.1,
                V: 0, verdict: .safe)
            let data = (try? JSONEncoder().encode(SummaryResponse(accepted: count, duplicates: 0, verdict: verdict))) ?? Data()
            return HTTPResponse(status: 200, body: Array(data))
        }])
        let client = try fixture.client(transport)
        try fixture.enqueue(client)
        let report = await client.syncNow()
        #expect(report.accepted == 1)
        #expect((client.currentVerdict?.reason.count ?? .max) <= HostText.maxLength)
        let stored = try fixture.store.runtimeState.value(AppliedVerdict.self, forKey: GovernanceStateKeys.lastVerdict)
        #expect((stored?.reason.count ?? .max) <= HostText.maxLength)
    }

    /// Pins the uncapped error message of a refusal, which went whole into the quarantine row in anima.db.
    @Test func aMegabyteErrorMessageIsCappedInTheQuarantine() async throws {
        let fixture = try ClientFixture()
        let transport = ScriptedHTTPTransport(replies: [refusal(400, Self.megabyte, field: "summaries[0].anima.warmth")])
        let client = try fixture.client(transport)
        try fixture.enqueue(client)
        let report = await client.syncNow()
        #expect(report.quarantined == 1)
        let reason = try fixture.store.database.read { db in try String.fetchOne(db, sql: "SELECT reason FROM outbox_quarantine") }
        let stored = try #require(reason)
        #expect(stored.count < HostText.maxLength + 200, "\(stored.prefix(300))")
    }

    @Test func shortTextIsKeptAndLongTextEndsWithAnEllipsis() {
        #expect(HostText.capped("approve") == "approve")
        let capped = HostText.capped(String(repeating: "é", count: 201))
        #expect(capped.count == HostText.maxLength && capped.hasSuffix("…"))
    }
}
