import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import GovernanceHost

/// SIGKILL the real host while devices send; restart it; devices retry what failed. Nothing may be lost or doubled:
/// a batch either committed (its retry is all duplicates) or did not (its retry stores it).
@Suite struct CrashRecoveryTests {
    @Test func killedHostLosesAndDuplicatesNothing() async throws {
        let database = try FreshDatabase()
        let directory = try TemporaryDirectory()
        let environment = ["DB_POSTGRES_URL": database.url, "GOVERNANCE_AUDIT_JSONL": directory.path + "/audit_log.jsonl"]
        #expect(try HostBinary.run(["migrate"], environment: environment).status == 0)
        var devices: [(UUID, String)] = []
        for index in 0..<4 {
            let created = try HostBinary.run(["agents", "create", "--label", "device-\(index)"], environment: environment)
            let lines = created.stdout.split(separator: "\n")
            let words = lines.first?.split(separator: " ") ?? []
            guard let token = lines.last, words.count > 1, let id = UUID(uuidString: String(words[1])) else {
                throw HTTPFailure(message: "agents create printed \(created.stdout)")
            }
            devices.append((id, String(token)))
        }
        let port = try HostBinary.freePort()
        var (host, _) = try HostBinary.serve(environment: environment, port: port)
        let url = "http://127.0.0.1:\(port)/v1/summaries"
        let batchesPerDevice = 60
        let tokens = devices.map(\.1)

        let senders = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for token in tokens {
                    group.addTask {
                        var retries = 0
                        for batch in 0..<batchesPerDevice {
                            let (body, _) = SummaryFixtures.batch(count: 5, start: batch * 5)
                            var attempts = 0
                            // Retry until the host answers 200 (refused or reset while it is down).
                            while true {
                                attempts += 1
                                if let reply = try? await HTTPReply.send("POST", url, token: token, body: body, timeout: 5), reply.status == 200 { break }
                                guard attempts < 600 else { throw HTTPFailure(message: "batch \(batch) never accepted") }
                                retries += 1
                                try await Task.sleep(for: .milliseconds(50))
                            }
                        }
                        return retries
                    }
                }
                var retries = 0
                for try await count in group { retries += count }
                return retries
            }
        }
        for _ in 0..<2 {
            try await Task.sleep(for: .milliseconds(800))
            kill(host.processIdentifier, SIGKILL)
            host.waitUntilExit()
            try await Task.sleep(for: .milliseconds(300))
            (host, _) = try HostBinary.serve(environment: environment, port: port)
        }
        let retries = try await senders.value
        host.terminate()  // SIGTERM: graceful shutdown, exit 0
        host.waitUntilExit()
        #expect(host.terminationReason == .exit && host.terminationStatus == 0)
        #expect(retries > 0, "the kills should have interrupted some requests")

        let connection = try database.connect()
        #expect(try connection.query("SELECT count(*) AS n FROM core.summaries")[0].int("n") == devices.count * batchesPerDevice * 5)
        for (agent, _) in devices {
            let id = agent.uuidString
            let stored = try connection.query("SELECT count(*) AS n FROM core.summaries WHERE agent_id = $1", [id])[0].int("n")
            #expect(stored == batchesPerDevice * 5)
            #expect(try connection.query("SELECT update_count AS n FROM core.monitor_state WHERE agent_id = $1", [id])[0].int("n") == stored)
            #expect(try connection.query("SELECT count(*) AS n FROM core.agent_state WHERE agent_id = $1", [id])[0].int("n") == stored)
        }
        // Every JSONL line has its committed row: lines are written only after the commit, so no killed request left a
        // line for a batch that was not stored. (A kill between a commit and its line can leave a row without a line;
        // the table is the record, and `audit replay` only ever adds rows from lines.)
        let lines = Set(try AuditLog.read(path: directory.path + "/audit_log.jsonl").map(\.eventID))
        let rows = Set(try connection.query("SELECT event_id FROM audit.events").rows.compactMap { UUID(uuidString: try $0.string("event_id")) })
        #expect(lines.isSubset(of: rows))
    }
}
