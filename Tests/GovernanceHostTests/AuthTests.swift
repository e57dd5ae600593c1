import Foundation
import Testing

@testable import GovernanceHost

/// Who may do what: device tokens write their own agent only, operator tokens read, revoked tokens are refused.
@Suite struct AuthTests {
    @Test func tokensAreEnforcedOnEveryRoute() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (lumen, lumenToken) = try host.createAgent("Lumen")
        let (other, otherToken) = try host.createAgent("Other")
        let operatorToken = try host.createOperatorToken()
        let (body, _) = SummaryFixtures.batch(count: 2)

        // No token, unknown token: 401.
        #expect(try await host.send("POST", "/v1/summaries", body: body).status == 401)
        #expect(try await host.send("POST", "/v1/summaries", token: String(repeating: "0", count: 64), body: body).status == 401)
        // Another agent's token (the device claims to be Lumen): 403. An operator token cannot write: 403.
        let claimed = try await host.send("POST", "/v1/summaries", token: otherToken, headers: ["X-Agent-Id": lumen.uuidString], body: body)
        #expect(claimed.status == 403)
        #expect(try await host.send("POST", "/v1/summaries", token: operatorToken, body: body).status == 403)
        // Its own token: stored under its own agent.
        #expect(try await host.send("POST", "/v1/summaries", token: lumenToken, headers: ["X-Agent-Id": lumen.uuidString], body: body).status == 200)
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries WHERE agent_id = $1", [lumen.uuidString]) == 2)
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries WHERE agent_id = $1", [other.uuidString]) == 0)

        // Reads are operator-only.
        for path in ["/v1/agents", "/v1/agents/\(lumen.uuidString)", "/v1/agents/\(lumen.uuidString)/history", "/v1/agents/\(lumen.uuidString)/summaries"] {
            #expect(try await host.send("GET", path).status == 401, "\(path)")
            #expect(try await host.send("GET", path, token: lumenToken).status == 403, "\(path)")
            #expect(try await host.send("GET", path, token: operatorToken).status == 200, "\(path)")
        }

        // Revoked: 401 at once.
        let connection = try PostgresConnection(conninfo: database.url)
        #expect(try TokenStore.revoke(lumenToken, on: connection).count == 1)
        #expect(try await host.send("POST", "/v1/summaries", token: lumenToken, body: body).status == 401)
        #expect(try TokenStore.revoke(lumenToken, on: connection).isEmpty)
        // The database holds only hashes.
        #expect(try host.count("SELECT count(*) AS n FROM core.device_tokens WHERE encode(token_hash, 'hex') = $1", [AccessToken.hashHex(otherToken)]) == 1)
        #expect(try host.count("SELECT count(*) AS n FROM core.device_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'", [otherToken]) == 0)
        await host.stop()
    }

    @Test func operatorReadsReturnTheStoredState() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (lumen, token) = try host.createAgent("Lumen")
        let operatorToken = try host.createOperatorToken()
        let (body, ids) = SummaryFixtures.batch(count: 4)
        #expect(try await host.send("POST", "/v1/summaries", token: token, body: body).status == 200)

        let list = try await host.send("GET", "/v1/agents", token: operatorToken)
        let agents = try #require(list.json?["agents"]?.arrayValue)
        #expect(agents.count == 1)
        #expect(agents[0]["id"]?.stringValue == lumen.uuidString.lowercased())
        #expect(agents[0]["label"]?.stringValue == "Lumen")
        #expect(agents[0]["summaries"] == .number(4))
        #expect(agents[0]["last_seen"]?.stringValue?.hasSuffix("Z") == true)

        let history = try await host.send("GET", "/v1/agents/\(lumen.uuidString)/history?limit=3", token: operatorToken)
        let rows = try #require(history.json?["history"]?.arrayValue)
        #expect(rows.map { $0["summary_id"]?.stringValue } == ids[1...].map { $0.uuidString.lowercased() })
        #expect(rows.map { $0["recorded_at"]?.stringValue } == ["2026-11-26T12:00:01.000Z", "2026-11-26T12:00:02.000Z", "2026-11-26T12:00:03.000Z"])

        let summaries = try await host.send("GET", "/v1/agents/\(lumen.uuidString)/summaries?limit=2", token: operatorToken)
        let items = try #require(summaries.json?["summaries"]?.arrayValue)
        #expect(items.map { $0["id"]?.stringValue } == ids[2...].map { $0.uuidString.lowercased() })
        #expect(items[0]["anima"]?["warmth"] == .number(0.6))
        #expect(items[0]["drawing"]?["arc_phase"]?.stringValue == "developing")

        #expect(try await host.send("GET", "/v1/agents/\(UUID().uuidString)", token: operatorToken).status == 404)
        #expect(try await host.send("GET", "/v1/agents/nope", token: operatorToken).status == 400)
        #expect(try await host.send("GET", "/v1/agents/\(lumen.uuidString)/history?limit=0", token: operatorToken).status == 400)
        await host.stop()
    }

    @Test func healthAndOpenAPIAreServed() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let health = try await host.send("GET", "/health")
        #expect(health.status == 200)
        #expect(health.json?["status"]?.stringValue == "ok")
        #expect(health.json?["schema_version"] == .number(3))
        #expect(health.json?["pool"]?["max"] == .number(10))
        #expect((health.json?["pool"]?["size"]?.doubleValue ?? 0) >= 2)
        #expect(health.json?["uptime_seconds"]?.doubleValue != nil)

        let openapi = try await host.send("GET", "/openapi.json")
        #expect(openapi.status == 200)
        let committed = try String(contentsOfFile: Self.packageRoot + "/docs/openapi.json", encoding: .utf8)
        #expect(openapi.text + "\n" == committed)
        #expect(openapi.json?["openapi"]?.stringValue == "3.1.0")
        await host.stop()
    }

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
