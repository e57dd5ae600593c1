import Foundation
import Testing

@testable import GovernanceHost

/// `POST /v1/summaries` over real HTTP against a real database: idempotent batches, whole-batch rejection with the field
/// path, size limits, and concurrent devices.
@Suite struct SummaryIngestTests {
    @Test func batchIsStoredOnceAndARetryIsAllDuplicates() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (agent, token) = try host.createAgent("Lumen")
        let (body, _) = SummaryFixtures.batch(count: 5)

        let first = try await host.send("POST", "/v1/summaries", token: token, body: body)
        #expect(first.status == 200)
        #expect(first.json?["accepted"] == .number(5))
        #expect(first.json?["duplicates"] == .number(0))
        let verdict = try #require(first.json?["verdict"])
        #expect(["proceed", "pause"].contains(verdict["action"]?.stringValue ?? ""))
        for key in ["margin", "reason", "verdict"] { #expect(verdict[key]?.stringValue != nil) }
        for key in ["risk", "coherence", "E", "I", "S", "V"] { #expect(verdict[key]?.doubleValue != nil) }

        let stateBefore = try host.count("SELECT count(*) AS n FROM core.agent_state")
        let auditBefore = try host.count("SELECT count(*) AS n FROM audit.events")
        let again = try await host.send("POST", "/v1/summaries", token: token, body: body)
        #expect(again.status == 200)
        #expect(again.json?["accepted"] == .number(0))
        #expect(again.json?["duplicates"] == .number(5))
        #expect(again.json?["verdict"] == verdict)
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries WHERE agent_id = $1", [agent.uuidString]) == 5)
        #expect(try host.count("SELECT count(*) AS n FROM core.agent_state") == stateBefore)
        #expect(try host.count("SELECT count(*) AS n FROM audit.events") == auditBefore)
        #expect(try host.count("SELECT update_count AS n FROM core.monitor_state WHERE agent_id = $1", [agent.uuidString]) == 5)
        // The accepted batch was audited: JSONL line and row, same event id.
        let lines = try AuditLog.read(path: host.auditPath).filter { $0.eventType == "summaries_accepted" }
        #expect(lines.count == 1)
        #expect(try host.count("SELECT count(*) AS n FROM audit.events WHERE event_id = $1", [lines[0].eventID.uuidString]) == 1)
        await host.stop()
    }

    @Test func oneBadItemRejectsTheWholeBatchNamingTheField() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (_, token) = try host.createAgent("Lumen")
        func broken(_ change: (inout [String: Any]) -> Void) -> Data {
            var items = (0..<5).map { SummaryFixtures.item(second: $0) }
            change(&items[3])
            return SummaryFixtures.batch(items)
        }
        let cases: [(String, Data, String)] = [
            ("out of range", broken { $0["anima"] = ["warmth": 1.5, "clarity": 0.7, "stability": 0.8, "presence": 0.9] }, "summaries[3].anima.warmth"),
            ("missing field", broken { $0["eisv"] = ["E": 0.5, "I": 0.5, "S": 0.2] }, "summaries[3].eisv.V"),
            ("bad uuid", broken { $0["id"] = "not-a-uuid" }, "summaries[3].id"),
            ("bad time", broken { $0["recorded_at"] = "2026-11-26 12:00:00" }, "summaries[3].recorded_at"),
            ("wrong type", broken { $0["anima"] = ["warmth": "warm", "clarity": 0.7, "stability": 0.8, "presence": 0.9] }, "summaries[3].anima.warmth"),
        ]
        for (name, body, field) in cases {
            let reply = try await host.send("POST", "/v1/summaries", token: token, body: body)
            #expect(reply.status == 400, "\(name)")
            #expect(reply.json?["field"]?.stringValue == field, "\(name): \(reply.text)")
            #expect(reply.json?["error"]?.stringValue?.isEmpty == false)
        }
        // NaN/Infinity cannot be written by JSONSerialization: send the text a buggy client would.
        let valid = String(decoding: SummaryFixtures.batch([SummaryFixtures.item()]), as: UTF8.self)
        for bad in ["NaN", "1e400"] {
            let text = valid.replacingOccurrences(of: "\"fatigue\":0.2", with: "\"fatigue\":\(bad)")
            #expect(text != valid)
            let reply = try await host.send("POST", "/v1/summaries", token: token, body: Data(text.utf8))
            #expect(reply.status == 400, "\(bad): \(reply.text)")
        }
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries") == 0)
        #expect(try host.count("SELECT count(*) AS n FROM core.agent_state") == 0)
        await host.stop()
    }

    @Test func tooLargeBodiesAndBatchesAre413() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (_, token) = try host.createAgent("Lumen")
        let (thousandAndOne, _) = SummaryFixtures.batch(count: 1001)
        #expect(thousandAndOne.count < 1 << 20)
        #expect(try await host.send("POST", "/v1/summaries", token: token, body: thousandAndOne).status == 413)
        let huge = Data(("{\"schema\":1,\"summaries\":[" + String(repeating: " ", count: 1 << 20) + "]}").utf8)
        #expect(try await host.send("POST", "/v1/summaries", token: token, body: huge).status == 413)
        let (thousand, _) = SummaryFixtures.batch(count: 1000)
        let reply = try await host.send("POST", "/v1/summaries", token: token, body: thousand)
        #expect(reply.status == 200)
        #expect(reply.json?["accepted"] == .number(1000))
        await host.stop()
    }

    @Test func eightDevicesTimesTwoHundredBatchesConcurrently() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let agents = try (0..<8).map { try host.createAgent("device-\($0)") }
        // Each device sends 200 batches of 3; every batch is sent twice (a retry) so duplicates race real inserts.
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for (index, (_, token)) in agents.enumerated() {
                group.addTask {
                    var accepted = 0
                    var duplicates = 0
                    for batch in 0..<200 {
                        let (body, _) = SummaryFixtures.batch(count: 3, start: batch * 3)
                        for _ in 0..<(batch % 10 == 0 ? 2 : 1) {
                            let reply = try await host.send("POST", "/v1/summaries", token: token, body: body)
                            guard reply.status == 200 else { throw HTTPFailure(message: "device \(index): \(reply.status) \(reply.text)") }
                            accepted += Int(reply.json?["accepted"]?.doubleValue ?? -1)
                            duplicates += Int(reply.json?["duplicates"]?.doubleValue ?? -1)
                        }
                    }
                    return (accepted, duplicates)
                }
            }
            for try await (accepted, duplicates) in group {
                #expect(accepted == 600)
                #expect(duplicates == 60)
            }
        }
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries") == 8 * 600)
        for (agent, _) in agents {
            let id = agent.uuidString
            let stored = try host.count("SELECT count(*) AS n FROM core.summaries WHERE agent_id = $1", [id])
            #expect(stored == 600)
            #expect(try host.count("SELECT update_count AS n FROM core.monitor_state WHERE agent_id = $1", [id]) == stored)
            #expect(try host.count("SELECT count(*) AS n FROM core.agent_state WHERE agent_id = $1", [id]) == stored)
        }
        await host.stop()
    }
}
