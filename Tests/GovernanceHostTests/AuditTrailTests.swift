import Foundation
import Testing

@testable import GovernanceHost

/// Spec §4: row, then (after the commit) the JSONL line; dedupe by event_id, atomic rotation, idempotent replay.
@Suite struct AuditTrailTests {
    let when = Date(timeIntervalSince1970: 1_795_000_000.25)  // 2026-11-18T…Z

    func event(_ n: Int) -> AuditEvent {
        AuditEvent(
            eventID: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))!, timestamp: when, agentID: nil,
            eventType: "test", confidence: 0.5, payload: .object(["n": .number(Double(n))]))
    }

    @Test func lineIsUTCJSONWithSortedKeys() {
        #expect(event(1).jsonLine == #"{"agent_id":null,"confidence":0.5,"event_id":"00000000-0000-4000-8000-000000000001","event_type":"test","payload":{"n":1},"ts":"2026-11-18T11:06:40.250Z"}"#)
    }

    /// A transaction that fails after the event was recorded (as a failed commit would) leaves no JSONL line: the
    /// client's retry then writes exactly one, and `audit replay` cannot invent a record from the failed attempt.
    @Test func aRolledBackTransactionLeavesNoLineAndTheRetryExactlyOne() throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let connection = try database.migrated()
        let path = directory.path + "/audit_log.jsonl"
        let trail = AuditTrail(log: try AuditLog(path: path))
        do {
            try connection.transaction { (connection) throws(PostgresError) in
                do throws(AuditError) { try trail.record(event(7), on: connection) } catch { throw AgentStore.asPostgres(error) }
                throw PostgresError.server(sqlstate: "40001", message: "could not serialize access (injected)", detail: nil)
            }
            Issue.record("the injected failure must propagate")
        } catch {}
        #expect(((try? AuditLog.read(path: path)) ?? []).isEmpty, "no line for a rolled-back event")
        #expect(try connection.query("SELECT count(*) AS n FROM audit.events")[0].int("n") == 0)
        try connection.transaction { (connection) throws(PostgresError) in
            do throws(AuditError) { try trail.record(event(7), on: connection) } catch { throw AgentStore.asPostgres(error) }
        }
        #expect(try AuditLog.read(path: path) == [event(7)])
        #expect(try AuditTrail.replay(path: path, on: connection) == (0, 1))
    }

    @Test func recordWritesTheLineAndTheRowAndReplayIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let connection = try database.migrated()
        let path = directory.path + "/audit/audit_log.jsonl"
        let trail = AuditTrail(log: try AuditLog(path: path))
        try trail.record(event(1), on: connection)
        try trail.record(event(2), on: connection)
        #expect(try AuditLog.read(path: path) == [event(1), event(2)])
        #expect(try connection.query("SELECT count(*) AS n FROM audit.events")[0].int("n") == 2)

        // The row of event 2 is lost (as if PostgreSQL failed after the line); replay restores it, twice is harmless.
        try connection.query("DELETE FROM audit.events WHERE event_id = $1", [event(2).eventID.uuidString])
        #expect(try AuditTrail.replay(path: path, on: connection) == (1, 1))
        #expect(try AuditTrail.replay(path: path, on: connection) == (0, 2))
        let tail = try AuditTrail.tail(limit: 10, on: connection)
        #expect(tail.map(\.eventID) == [event(1).eventID, event(2).eventID])
        #expect(tail[1].payload == .object(["n": .number(2)]))
        #expect(UTCTime.format(tail[0].timestamp) == "2026-11-18T11:06:40.250Z")
    }

    @Test func rotationRenamesAtomicallyAndAnotherWriterFollows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/audit_log.jsonl"
        let server = try AuditLog(path: path)
        try server.append(event(1))
        // An operator rotates from another process (another AuditLog on the same path).
        let rotated = try AuditLog(path: path).rotate(now: when)
        #expect(rotated == directory.path + "/audit_log-20261118.jsonl")
        try server.append(event(2))  // must land in the new live file, not the rotated one
        #expect(try AuditLog.read(path: rotated) == [event(1)])
        #expect(try AuditLog.read(path: path) == [event(2)])
        #expect(try AuditLog(path: path).rotate(now: when) == directory.path + "/audit_log-20261118-2.jsonl")
    }

    /// Group commit: 8 threads × 50 appends at once; every line lands exactly once, whole, and every append returned.
    @Test func concurrentAppendsShareFlushesAndLoseNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/audit_log.jsonl"
        let log = try AuditLog(path: path)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<50 { try? log.append(event(thread * 1000 + index)) }
        }
        let events = try AuditLog.read(path: path)
        #expect(events.count == 400)
        #expect(Set(events.map(\.eventID)) == Set((0..<8).flatMap { thread in (0..<50).map { event(thread * 1000 + $0).eventID } }))
    }

    @Test func replayNamesTheBadLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/bad.jsonl"
        try (event(1).jsonLine + "\n{\"event_id\": 3}\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try AuditLog.read(path: path)
            Issue.record("line 2 is not an event")
        } catch {
            guard case let .badLine(_, line, _) = error else { Issue.record("got \(error)"); return }
            #expect(line == 2)
        }
    }
}
