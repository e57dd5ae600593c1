import Foundation
import Testing

@testable import GovernanceHost

/// Issue 12, item 15: work per request is bounded on every route — a body cap per route checked before authentication
/// or parsing (413 naming the limit), no body on reads, small request heads, linear parsers with bounded nesting, and
/// bounded stored metadata — so large bodies in parallel leave the host answering.
@Suite struct RequestBoundsTests {
    static func mcpCall(_ tool: String, _ arguments: [String: JSONPayload]) -> Data {
        Data(JSONPayload.object([
            "jsonrpc": .string("2.0"), "id": .number(1), "method": .string("tools/call"),
            "params": .object(["name": .string(tool), "arguments": .object(arguments)]),
        ]).jsonText.utf8)
    }

    /// /mcp read up to 1 MiB and authenticated (a database query) before looking at the size; reads accepted any body;
    /// heads up to 80 KiB were parsed. Each is now refused up front with the limit named.
    @Test func everyRouteRefusesABodyOverItsCapBeforeAuthenticatingOrParsing() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, token) = try host.createAgent("Bounded")
        let port = Int(host.baseURL.split(separator: ":").last ?? "") ?? 0

        let bigMCP = Self.mcpCall("outcome_event", ["outcome_type": .string("x"), "detail": .string(String(repeating: "x", count: 70_000))])
        let mcp = try await host.send("POST", "/mcp", body: bigMCP)
        #expect(mcp.status == 413, "no token, yet the size is refused first: \(mcp.text)")
        #expect(mcp.json?["error"]?.stringValue?.contains("POST /mcp accepts at most 65536 bytes") == true, "\(mcp.text)")

        let summaries = try await host.send("POST", "/v1/summaries", body: Data(repeating: 0x20, count: RequestBody.summariesLimit + 1))
        #expect(summaries.status == 413)
        #expect(summaries.json?["error"]?.stringValue?.contains("POST /v1/summaries accepts at most \(RequestBody.summariesLimit) bytes") == true)

        let hash = String(repeating: "a", count: 64)
        let drawing = try await host.send(
            "PUT", "/v1/drawings/\(hash)", headers: DrawingFixtures.headers(), body: Data(repeating: 0, count: RequestBody.drawingLimit + 1))
        #expect(drawing.status == 413)
        #expect(drawing.json?["field"]?.stringValue == "body")

        let read = try await RawHTTP.exchange(
            port: port, request: Array("GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789".utf8))
        #expect(read.hasPrefix("HTTP/1.1 413"), "\(read.prefix(300))")
        #expect(read.contains("takes no request body"))

        // A chunked body declares no length: it is cut off at the cap while it streams in.
        let chunk = String(repeating: "y", count: 10_000)
        let chunked = "POST /mcp HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + String(repeating: String(format: "%x\r\n", chunk.utf8.count) + chunk + "\r\n", count: 7) + "0\r\n\r\n"
        let streamed = try await RawHTTP.exchange(port: port, request: Array(chunked.utf8))
        #expect(streamed.hasPrefix("HTTP/1.1 413"), "\(streamed.prefix(300))")

        let head = "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "p", count: 20_000))\r\nConnection: close\r\n\r\n"
        let oversizeHead = try await RawHTTP.exchange(port: port, request: Array(head.utf8))
        #expect(oversizeHead.hasPrefix("HTTP/1.1 400"), "\(oversizeHead.prefix(300))")
    }

    /// `update_agent_metadata` merged every call's keys into the row with no bound: a device could grow it by a body's
    /// worth per request. The merged JSON is now capped.
    @Test func mergedMetadataIsBounded() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (agent, token) = try host.createAgent("Growing")
        var codes: [String] = []
        for index in 0..<3 {
            let call = Self.mcpCall("update_agent_metadata", ["metadata": .object(["k\(index)": .string(String(repeating: "m", count: 7_000))])])
            let reply = try await host.send("POST", "/mcp", token: token, body: call)
            codes.append(try MCPBridgeTests.flatResult(reply.json)["error_code"]?.stringValue ?? "ok")
        }
        #expect(codes == ["ok", "ok", "METADATA_TOO_LARGE"])
        #expect(try host.count("SELECT octet_length(metadata::text) AS n FROM core.agents WHERE id = $1", [agent.uuidString]) <= MCPToolRunner.maxMetadataBytes)
    }

    /// Three 72 KB bodies once stalled /health for 18.8 s. Now eight bodies of 72 KB and more to /v1/summaries and
    /// /mcp in parallel leave /health/live answering. The bound is generous on purpose: alone this takes ~0.2 s, but
    /// `make test` runs every suite in this process at once on two cores (figures are in docs/performance.md).
    @Test func largeBodiesInParallelLeaveHealthAnswering() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, token) = try host.createAgent("Loaded")
        let (batch, _) = SummaryFixtures.batch(count: 180)
        #expect(batch.count > 72_000)
        // Nested 31 deep (under the limit) and wide: the most parsing a 64 KiB /mcp body can ask for.
        let unit = String(repeating: "[", count: 31) + "1" + String(repeating: "]", count: 31)
        let wide = "[" + Array(repeating: unit, count: 900).joined(separator: ",") + "]"
        let nested = Data(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"outcome_event","arguments":{"outcome_type":"x","detail":\#(wide)}}}"#.utf8)
        #expect(nested.count > 56_000 && nested.count < RequestBody.mcpLimit)
        let started = ContinuousClock.now
        async let load: [Int] = withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    if index % 2 == 0 {
                        return try await host.send("POST", "/v1/summaries", token: token, body: SummaryFixtures.batch(count: 180).0).status
                    }
                    return try await host.send("POST", "/mcp", token: token, body: nested).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var slowest = Duration.zero
        for _ in 0..<5 {
            let asked = ContinuousClock.now
            let live = try await HTTPReply.send("GET", host.baseURL + "/health/live", timeout: 10)
            #expect(live.status == 200)
            slowest = max(slowest, ContinuousClock.now - asked)
        }
        let statuses = try await load
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
        #expect(slowest < .seconds(10), "slowest /health/live \(slowest) while \(statuses.count) large bodies were processed in \(ContinuousClock.now - started)")
    }
}
