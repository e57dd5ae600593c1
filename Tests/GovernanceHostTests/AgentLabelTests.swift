import Foundation
import Testing

@testable import GovernanceHost

/// Issue 12, item 17: devices renamed themselves through MCP `identity` with no uniqueness check and no audit event,
/// and after a collision `tokens create --agent Alpha` issued a token for the impostor. Labels are unique ignoring case,
/// checked on input, every rename is audited after its commit, and a tokenless call never acts for a device.
@Suite struct AgentLabelTests {
    static func identity(_ name: String, session: String? = nil) -> Data {
        var arguments: [String: JSONPayload] = ["name": .string(name)]
        if let session { arguments["client_session_id"] = .string(session) }
        return Data(JSONPayload.object([
            "jsonrpc": .string("2.0"), "id": .number(1), "method": .string("tools/call"),
            "params": .object(["name": .string("identity"), "arguments": .object(arguments)]),
        ]).jsonText.utf8)
    }

    /// Labels held escapes and newlines (forged rows in `agents`), any length, or a UUID that an operator would take
    /// for an id; all are refused where they enter, with the reason.
    @Test func hostileLabelsAreRefusedOnInput() throws {
        #expect(try AgentLabel("  Lumen ").text == "Lumen")
        let refused: [(String, AgentLabelError)] = [
            ("", .empty), ("   ", .empty),
            ("Alpha\n\u{1B}[31mforged row", .forbiddenCharacter(0x0A)), ("Alpha\u{1B}[2J", .forbiddenCharacter(0x1B)),
            ("Alpha\u{202E}gnp", .forbiddenCharacter(0x202E)), ("Al\u{2028}pha", .forbiddenCharacter(0x2028)),
            (String(repeating: "x", count: 65), .tooLong(characters: 65)),
            (UUID().uuidString.lowercased(), .looksLikeAnID),
        ]
        for (text, expected) in refused {
            #expect(throws: expected, "\(text.debugDescription)") { _ = try AgentLabel(text) }
        }
        #expect(AgentLabelError.forbiddenCharacter(0x1B).description.contains("U+001B"))
    }

    /// The impostor's rename to another agent's label (in any case) is refused, so the operator's label names the
    /// genuine agent; creating an agent with a taken label is refused too.
    @Test func aRenameToATakenLabelIsRefusedAndTheLabelNamesTheGenuineAgent() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (alpha, _) = try host.createAgent("Alpha")
        let (impostor, impostorToken) = try host.createAgent("Bravo")
        let reply = try await host.send("POST", "/mcp", token: impostorToken, body: Self.identity("alpha"))
        let flat = try MCPBridgeTests.flatResult(reply.json)
        #expect(flat["error_code"]?.stringValue == "LABEL_TAKEN", "\(reply.text)")
        #expect(flat["error"]?.stringValue?.hasPrefix("arguments.name: the label 'alpha' is taken") == true, "\(reply.text)")
        #expect(try host.count("SELECT count(*) AS n FROM core.agents WHERE id = $1 AND label = 'Bravo'", [impostor.uuidString]) == 1)
        #expect(try host.count("SELECT count(*) AS n FROM audit.events WHERE event_type = 'agent_renamed'") == 0)

        let connection = try database.connect()
        #expect(try AgentStore.resolve("Alpha", on: connection) == alpha)
        #expect(try AgentStore.resolve("ALPHA", on: connection) == alpha)
        #expect(try AgentStore.resolve(impostor.uuidString.lowercased(), on: connection) == impostor)
        let audit = AuditTrail(log: try AuditLog(path: host.auditPath))
        #expect(throws: AgentStoreError.label(.taken("ALPHA"))) { _ = try AgentStore.create(label: try AgentLabel("ALPHA"), audit: audit, on: connection) }
        // The index is the backstop for writers that skip the check.
        #expect(throws: PostgresError.self) { try connection.query("UPDATE core.agents SET label = 'aLPHA' WHERE id = $1", [impostor.uuidString]) }
    }

    /// A rename wrote no audit event at all; now each is `agent_renamed` (from, to, by which token) in the table and,
    /// only after the commit, in the JSONL file.
    @Test func everyRenameIsAuditedAfterItsCommit() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (agent, token) = try host.createAgent("Bravo")
        let tokenID = try database.connect().query("SELECT id FROM core.device_tokens WHERE agent_id = $1", [agent.uuidString])[0].string("id")
        let renamed = try await host.send("POST", "/mcp", token: token, body: Self.identity("Bravo II"))
        #expect(try MCPBridgeTests.flatResult(renamed.json)["name"]?.stringValue == "Bravo II")
        let lines = try AuditLog.read(path: host.auditPath).filter { $0.eventType == "agent_renamed" }
        #expect(lines.count == 1)
        #expect(lines.first?.agentID == agent)
        #expect(lines.first?.payload == .object(["from": .string("Bravo"), "to": .string("Bravo II"), "by": .object(["token_id": .string(tokenID)])]))
        #expect(try host.count("SELECT count(*) AS n FROM audit.events WHERE event_type = 'agent_renamed'") == 1)

        // A commit that fails (a deferred check refusing the event row) leaves no line and the old label.
        let connection = try database.connect()
        try connection.query(
            "CREATE FUNCTION audit.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected commit failure'; END $$")
        try connection.query(
            """
            CREATE CONSTRAINT TRIGGER refuse_renames AFTER INSERT ON audit.events DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.event_type = 'agent_renamed') EXECUTE FUNCTION audit.refuse()
            """)
        let failed = try await host.send("POST", "/mcp", token: token, body: Self.identity("Bravo III"))
        #expect(try MCPBridgeTests.flatResult(failed.json)["success"] == .bool(false), "\(failed.text)")
        #expect(try AuditLog.read(path: host.auditPath).filter { $0.eventType == "agent_renamed" }.count == 1, "no line for a rolled-back rename")
        #expect(try host.count("SELECT count(*) AS n FROM core.agents WHERE label = 'Bravo II'") == 1)
    }

    /// A label with a terminal escape went straight into core.agents; now `identity` refuses it naming the argument.
    @Test func identityRefusesALabelWithEscapesNamingTheArgument() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, token) = try host.createAgent("Lumen")
        for name in ["Lumen\n\u{1B}[31mforged", String(repeating: "L", count: 200)] {
            let reply = try await host.send("POST", "/mcp", token: token, body: Self.identity(name))
            #expect(reply.json?["error"]?["code"] == .number(-32602), "\(reply.text)")
            #expect(reply.json?["error"]?["message"]?.stringValue?.contains("arguments.name: a label") == true, "\(reply.text)")
        }
        #expect(try host.count("SELECT count(*) AS n FROM core.agents WHERE label = 'Lumen'") == 1)
    }

    /// With --allow-anonymous-mcp, a tokenless call naming a device's session id renamed (and checked in for) that
    /// device. Now it is refused; a second anonymous Pi asking for a taken name is labelled by its session id instead.
    @Test func aTokenlessCallNeverActsForADeviceBoundSession() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path, allowAnonymousMCP: true)
        defer { Task { await host.stop() } }
        let (agent, token) = try host.createAgent("Lumen")
        #expect(try await host.send("POST", "/mcp", token: token, body: Data(MCPBridgeTests.piCheckIn.utf8)).status == 200)
        let statesBefore = try host.count("SELECT count(*) AS n FROM core.agent_state WHERE agent_id = $1", [agent.uuidString])

        let hijack = try await host.send("POST", "/mcp", body: Self.identity("Hijacked", session: "lumen-7f3a"))
        let refused = try MCPBridgeTests.flatResult(hijack.json)
        #expect(refused["error_code"]?.stringValue == "FORBIDDEN", "\(hijack.text)")
        #expect(refused["error"]?.stringValue?.contains("only a call with that token") == true)
        let checkIn = try await host.send("POST", "/mcp", body: Data(MCPBridgeTests.piCheckIn.utf8))
        #expect(try MCPBridgeTests.flatResult(checkIn.json)["error_code"]?.stringValue == "FORBIDDEN", "\(checkIn.text)")
        #expect(try host.count("SELECT count(*) AS n FROM core.agents WHERE id = $1 AND label = 'Lumen'", [agent.uuidString]) == 1)
        #expect(try host.count("SELECT count(*) AS n FROM core.agent_state WHERE agent_id = $1", [agent.uuidString]) == statesBefore)

        let other = MCPBridgeTests.piCheckIn.replacingOccurrences(of: "lumen-7f3a", with: "lumen-9c9c")
        let second = try await host.send("POST", "/mcp", body: Data(other.utf8))
        #expect(try MCPBridgeTests.flatResult(second.json)["success"] == .bool(true), "\(second.text)")
        #expect(try host.count("SELECT count(*) AS n FROM core.agents WHERE label = 'lumen-9c9c'") == 1)
    }

    /// Databases from before migration 5 may hold colliding labels; none keeps the bare name (which one is genuine
    /// cannot be known), each rename is in audit.events, and the unique index then holds.
    @Test func migrationFiveRenamesCollidingLabelsAndAuditsThem() throws {
        let database = try FreshDatabase()
        let connection = try database.connect()
        try Migrator(migrations: GovernanceSchema.migrations.filter { $0.version < 5 }).migrate(on: connection)
        let (first, second, solo) = (UUID(), UUID(), UUID())
        for (id, label) in [(first, "Alpha"), (second, "alpha"), (solo, "Solo")] {
            try connection.query("INSERT INTO core.agents (id, label) VALUES ($1, $2)", [id.uuidString, label])
        }
        try Migrator().migrate(on: connection)
        func label(_ id: UUID) throws -> String { try connection.query("SELECT label FROM core.agents WHERE id = $1", [id.uuidString])[0].string("label") }
        #expect(try label(first) == "Alpha #" + first.uuidString.lowercased().prefix(8))
        #expect(try label(second) == "alpha #" + second.uuidString.lowercased().prefix(8))
        #expect(try label(solo) == "Solo")
        #expect(try connection.query("SELECT count(*) AS n FROM audit.events WHERE event_type = 'agent_renamed'")[0].int("n") == 2)
        #expect(try AgentStore.resolve("Alpha", on: connection) == nil)
        #expect(throws: PostgresError.self) { try connection.query("INSERT INTO core.agents (id, label) VALUES ($1, 'SOLO')", [UUID().uuidString]) }
    }
}
