import Foundation
import GovernanceCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

import JSONDocument
@testable import GovernanceHost

/// Issue 12, host side: hostile bodies get a 4xx naming the field, never a 500, and nothing half-written.
@Suite struct HostileRequestTests {
    func summary(id: UUID = UUID(), recordedAt: String = "2026-11-26T12:00:00.000Z", era: String = "gestural") -> [String: Any] {
        var item = SummaryFixtures.item(id: id)
        item["recorded_at"] = recordedAt
        var drawing = item["drawing"] as? [String: Any] ?? [:]
        drawing["era"] = era
        item["drawing"] = drawing
        return item
    }

    /// A NUL in a text field returned 500 (PostgreSQL 22P05) and the device retried it forever.
    @Test func nulInATextFieldIsA400NamingTheField() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, token) = try host.createAgent("Nul")
        let reply = try await host.send("POST", "/v1/summaries", token: token, body: SummaryFixtures.batch([summary(era: "ges\u{0}tural")]))
        #expect(reply.status == 400)
        #expect(reply.json?["field"]?.stringValue == "summaries[0].drawing.era")
        #expect(reply.text.contains("NUL"))
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries") == 0)
    }

    /// A NUL through /mcp wrote an audit line with no table row, and `audit replay` then failed on the whole file.
    @Test func nulThroughMCPIsRefusedBeforeAnythingIsWritten() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, token) = try host.createAgent("Lumen")
        let before = (try? String(contentsOfFile: host.auditPath, encoding: .utf8)) ?? ""
        let outcome = #"{"jsonrpc":"2.0","id":"o1","method":"tools/call","params":{"name":"outcome_event","arguments":{"outcome_type":"drawing\u0000completed","outcome_score":0.8}}}"#
        let reply = try await host.send("POST", "/mcp", headers: MCPBridgeTests.piHeaders(token: token, sse: false), body: Data(outcome.utf8))
        #expect(reply.status < 500)
        #expect(reply.json?["error"]?["code"] == .number(-32700), "\(reply.text)")
        #expect(reply.text.contains("NUL"))
        #expect(((try? String(contentsOfFile: host.auditPath, encoding: .utf8)) ?? "") == before, "no audit line for a refused request")
        #expect(try host.count("SELECT count(*) AS n FROM audit.events WHERE event_type = 'outcome_event'") == 0)
    }

    /// A 3 KB body nested 511 deep cost about a second of CPU; now the parser stops at depth 32 before doing work.
    @Test func deeplyNestedMCPBodyIsRefusedAtTheDepthLimit() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, token) = try host.createAgent("Deep")
        let nested = String(repeating: "[", count: 511) + String(repeating: "]", count: 511)
        let body = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"outcome_event","arguments":{"detail":"# + nested + "}}}"
        let reply = try await host.send("POST", "/mcp", headers: MCPBridgeTests.piHeaders(token: token, sse: false), body: Data(body.utf8))
        #expect(reply.json?["error"]?["code"] == .number(-32700))
        #expect(reply.text.contains("nesting deeper than 32"), "\(reply.text)")
        #expect(throws: JSONParseError.self) { _ = try JSONPayload.parseStrict(Array(body.utf8)) }
    }

    /// One summary dated 2099 froze the agent's verdict; now it is refused with the allowed skew, and the verdict an
    /// all-duplicate resend gets is the one computed last, whatever the times claim.
    @Test func futureTimesAreRefusedAndTheVerdictFollowsArrival() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (agent, token) = try host.createAgent("Clock")
        let future = try await host.send("POST", "/v1/summaries", token: token, body: SummaryFixtures.batch([summary(recordedAt: "2099-01-01T00:00:00Z")]))
        #expect(future.status == 400)
        #expect(future.json?["field"]?.stringValue == "summaries[0].recorded_at")
        #expect(future.text.contains("the host allows 300 s of clock skew"))

        // Even with a far-future row already stored (as before this fix), later verdicts win on resend.
        let old = UUID()
        #expect(try await host.send("POST", "/v1/summaries", token: token, body: SummaryFixtures.batch([summary(id: old, recordedAt: "2026-11-26T12:00:00Z")])).status == 200)
        try PostgresConnection(conninfo: database.url).query(
            "UPDATE core.agent_state SET recorded_at = '2099-01-01T00:00:00Z' WHERE agent_id = $1", [agent.uuidString])
        var alarming = summary(recordedAt: "2026-11-26T12:05:00Z")
        alarming["eisv"] = ["E": 0.1, "I": 0.1, "S": 0.95, "V": 0.6]
        let newest = UUID()
        alarming["id"] = newest.uuidString.lowercased()
        let first = try await host.send("POST", "/v1/summaries", token: token, body: SummaryFixtures.batch([alarming]))
        #expect(first.status == 200)
        let resend = try await host.send("POST", "/v1/summaries", token: token, body: SummaryFixtures.batch([alarming]))
        #expect(resend.json?["duplicates"] == .number(1))
        #expect(resend.json?["verdict"]?["risk"] == first.json?["verdict"]?["risk"], "the resend answers the newest verdict, not the 2099 row's")
    }

    /// An id another agent stored returned 500 (or a silent `duplicates`, revealing the id exists for that agent).
    @Test func anIDAnotherAgentStoredIsA409ThatRevealsNothing() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, first) = try host.createAgent("First")
        let (_, second) = try host.createAgent("Second")
        let shared = UUID()
        #expect(try await host.send("POST", "/v1/summaries", token: first, body: SummaryFixtures.batch([summary(id: shared)])).status == 200)
        let fresh = UUID()
        let reply = try await host.send("POST", "/v1/summaries", token: second, body: SummaryFixtures.batch([summary(id: fresh), summary(id: shared)]))
        #expect(reply.status == 409)
        #expect(reply.json?["field"]?.stringValue == "summaries[1].id")
        #expect(!reply.text.contains("First") && !reply.text.contains("agent"), "\(reply.text)")
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries WHERE id = $1", [fresh.uuidString]) == 0, "nothing of the batch is stored")
    }

    /// Malformed chunked encoding returned 500.
    @Test func malformedChunkedBodyIsNotAServerError() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, token) = try host.createAgent("Chunky")
        let port = Int(host.baseURL.split(separator: ":").last ?? "") ?? 0
        let request = "POST /v1/summaries HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{\"schema\":1}\r\n0\r\n\r\n"
        let answer = try await RawHTTP.exchange(port: port, request: Array(request.utf8))
        #expect(!answer.hasPrefix("HTTP/1.1 500"), "\(answer.prefix(200))")
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries") == 0)
    }
}

/// One raw request over a loopback socket; returns whatever came back before the server closed or 20 s passed (a
/// reply takes over 5 s now and then when `make test` runs every suite at once on two cores), or, when nothing came
/// back, why.
enum RawHTTP {
    static func exchange(port: Int, request: [UInt8]) async throws -> String {
        try await OffPool.run { Result { try blockingExchange(port: port, request: request) } }.get()
    }

    private static func blockingExchange(port: Int, request: [UInt8]) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HTTPFailure(message: "connect failed") }
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        let sendErrno = sent < 0 ? errno : 0
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count < 0 && received.isEmpty {
                let failure = errno == EAGAIN ? "no reply within 20 s" : "recv failed with errno \(errno)"
                return "(nothing received: \(failure); send returned \(sent), errno \(sendErrno))"
            }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
            if received.count > 65536 { break }
        }
        return String(decoding: received, as: UTF8.self)
    }
}
