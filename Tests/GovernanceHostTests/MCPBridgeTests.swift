import Foundation
import Testing

@testable import GovernanceHost

/// `/mcp` answers the existing anima-mcp Pi client (spec §5.2, drawing-engine §4.4) unchanged: flat verdicts as JSON or
/// SSE, and the standard JSON-RPC error codes.
@Suite struct MCPBridgeTests {
    /// The request body the Pi's `_call_unitares()` sends, byte for byte in shape.
    static let piCheckIn = #"""
        {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"process_agent_update","arguments":{
          "client_session_id":"lumen-7f3a","agent_name":"Lumen","complexity":0.31,"confidence":0.72,
          "ethical_drift":[0.01,-0.02,0.0],
          "response_text":"Anima state: content. Warmth: 0.61. Clarity: 0.72. Stability: 0.80. Presence: 0.90. EISV: E=0.61, I=0.72, S=0.20, V=0.03.",
          "sensor_data":{"eisv":{"E":0.61,"I":0.72,"S":0.2,"V":0.03},
            "anima":{"warmth":0.61,"clarity":0.72,"stability":0.8,"presence":0.9},
            "environment":{"cpu_temp_c":48.2,"ambient_temp_c":21.5,"humidity_pct":40.1,"light_lux":120.0,"cpu_percent":12.0,"memory_percent":35.0},
            "identity":{"total_awakenings":5,"total_alive_seconds":3600.0,"alive_ratio":0.9,"age_seconds":4000.0}},
          "trajectory_signature":{"observation_count":12,"stability_score":0.8},
          "unknown_future_key":true}}}
        """#

    static func piHeaders(token: String, sse: Bool) -> [String: String] {
        let basic = Data("lumen:\(token)".utf8).base64EncodedString()
        return [
            "Content-Type": "application/json", "Accept": sse ? "application/json, text/event-stream" : "application/json",
            "X-Session-ID": "lumen-7f3a", "X-Agent-Id": "7f3a", "Authorization": "Basic \(basic)",
        ]
    }

    /// The flat object inside `result.content[0].text`.
    static func flatResult(_ reply: JSONPayload?) throws -> JSONPayload {
        let text = try #require(reply?["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue)
        return try #require(JSONPayload.parse(Data(text.utf8)))
    }

    @Test func piCheckInGetsAFlatVerdictAsJSONAndAsSSE() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (agent, token) = try host.createAgent("Lumen")

        let probe = try await host.send("POST", "/mcp", headers: Self.piHeaders(token: token, sse: false), body: Data(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#.utf8))
        #expect(probe.status == 200)
        let names = probe.json?["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["process_agent_update", "identity", "update_agent_metadata", "outcome_event"])

        let plain = try await host.send("POST", "/mcp", headers: Self.piHeaders(token: token, sse: false), body: Data(Self.piCheckIn.utf8))
        #expect(plain.status == 200)
        #expect(plain.headers["content-type"] == "application/json")
        #expect(plain.json?["id"] == .number(1))
        #expect(plain.json?["result"]?["isError"] == .bool(false))
        let flat = try Self.flatResult(plain.json)
        #expect(flat["success"] == .bool(true))
        #expect(["proceed", "pause"].contains(flat["action"]?.stringValue ?? ""))
        for key in ["margin", "reason", "verdict"] { #expect(flat[key]?.stringValue != nil, "\(key)") }
        for key in ["E", "I", "S", "V", "coherence", "risk_score"] { #expect(flat[key]?.doubleValue != nil, "\(key)") }
        #expect(flat["agent_id"]?.stringValue == agent.uuidString.lowercased())

        let sse = try await host.send("POST", "/mcp/", headers: Self.piHeaders(token: token, sse: true), body: Data(Self.piCheckIn.utf8))
        #expect(sse.status == 200)
        #expect(sse.headers["content-type"] == "text/event-stream")
        #expect(sse.text.hasPrefix("event: message\ndata: "))
        #expect(sse.text.hasSuffix("\n\n"))
        let dataLine = try #require(sse.text.split(separator: "\n").first { $0.hasPrefix("data: ") })
        let event = JSONPayload.parse(Data(dataLine.dropFirst(6).utf8))
        #expect(try Self.flatResult(event)["action"] != nil)

        // Two check-ins: two agent_state rows, two audit events, the session bound to the token's agent.
        #expect(try host.count("SELECT count(*) AS n FROM core.agent_state WHERE agent_id = $1", [agent.uuidString]) == 2)
        #expect(try host.count("SELECT count(*) AS n FROM audit.events WHERE event_type = 'check_in'") == 2)
        #expect(try host.count("SELECT count(*) AS n FROM core.sessions WHERE client_session_id = 'lumen-7f3a' AND agent_id = $1", [agent.uuidString]) == 1)
        await host.stop()
    }

    @Test func malformedJSONRPCGetsTheStandardCodes() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (_, token) = try host.createAgent("Lumen")
        let cases: [(String, Int)] = [
            (#"{"jsonrpc":"2.0","id":1,"method":"tools/list""#, -32700),
            (#"not json"#, -32700),
            (#"[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]"#, -32600),
            (#"{"jsonrpc":"1.0","id":1,"method":"tools/list"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1,"method":7}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1,"method":"resources/list"}"#, -32601),
            (#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{}}}"#, -32602),
            (#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}"#, -32602),
            (#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"process_agent_update","arguments":{"complexity":0.5}}}"#, -32602),
            (#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"process_agent_update","arguments":{"sensor_data":{"eisv":{"E":0.5,"I":0.5,"S":0.2}}}}}"#, -32602),
            (#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"process_agent_update","arguments":{"complexity":3,"sensor_data":{"eisv":{"E":0.5,"I":0.5,"S":0.2,"V":0}}}}}"#, -32602),
        ]
        for (body, code) in cases {
            let reply = try await host.send("POST", "/mcp", token: token, body: Data(body.utf8))
            #expect(reply.status == 200, "\(body)")
            #expect(reply.json?["error"]?["code"] == .number(Double(code)), "\(body): \(reply.text)")
            #expect(reply.json?["jsonrpc"]?.stringValue == "2.0")
        }
        // A notification gets 202 and no body.
        let notification = try await host.send("POST", "/mcp", token: token, body: Data(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8))
        #expect(notification.status == 202)
        #expect(notification.body.isEmpty)
        await host.stop()
    }

    @Test func toolFailureIsIsErrorAndAuthIsRequiredUnlessAnonymousIsOn() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (_, lumenToken) = try host.createAgent("Lumen")
        let (_, otherToken) = try host.createAgent("Other")
        #expect(try await host.send("POST", "/mcp", body: Data(Self.piCheckIn.utf8)).status == 401)
        #expect(try await host.send("POST", "/mcp", token: "f00d", body: Data(Self.piCheckIn.utf8)).status == 401)
        #expect(try await host.send("POST", "/mcp", token: lumenToken, body: Data(Self.piCheckIn.utf8)).status == 200)
        // The session "lumen-7f3a" is Lumen's now; another device claiming it gets a tool failure, not a write.
        let stolen = try await host.send("POST", "/mcp", token: otherToken, body: Data(Self.piCheckIn.utf8))
        #expect(stolen.json?["result"]?["isError"] == .bool(true))
        let failure = try Self.flatResult(stolen.json)
        #expect(failure["success"] == .bool(false))
        #expect(failure["error_code"]?.stringValue == "FORBIDDEN")
        #expect(failure["error"]?.stringValue?.contains("another agent") == true)
        await host.stop()

        let anonymousDirectory = try TemporaryDirectory()
        let anonymousDatabase = try FreshDatabase()
        let open = try await TestHost.start(databaseURL: anonymousDatabase.url, directory: anonymousDirectory.path, allowAnonymousMCP: true)
        let reply = try await open.send("POST", "/mcp", body: Data(Self.piCheckIn.utf8))
        #expect(reply.status == 200)
        #expect(try Self.flatResult(reply.json)["success"] == .bool(true))
        #expect(try open.count("SELECT count(*) AS n FROM core.agents WHERE label = 'Lumen'") == 1)
        let outcome = #"{"jsonrpc":"2.0","id":"o1","method":"tools/call","params":{"name":"outcome_event","arguments":{"client_session_id":"lumen-7f3a","outcome_type":"drawing_completed","outcome_score":0.8,"is_bad":false,"detail":{"marks":120}}}}"#
        let recorded = try await open.send("POST", "/mcp", body: Data(outcome.utf8))
        #expect(recorded.json?["id"]?.stringValue == "o1")
        #expect(try Self.flatResult(recorded.json)["success"] == .bool(true))
        #expect(try open.count("SELECT count(*) AS n FROM audit.events WHERE event_type = 'outcome_event' AND confidence = 0.8") == 1)
        let identity = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"identity","arguments":{"client_session_id":"lumen-7f3a","name":"Lumen II"}}}"#
        #expect(try Self.flatResult(try await open.send("POST", "/mcp", body: Data(identity.utf8)).json)["name"]?.stringValue == "Lumen II")
        #expect(try open.count("SELECT count(*) AS n FROM core.agents WHERE label = 'Lumen II'") == 1)
        await open.stop()
    }
}
