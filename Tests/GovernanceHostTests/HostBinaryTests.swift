import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import GovernanceHost

/// The executable's contract: configuration errors and exit codes, migrate, operator commands, and what it links.
@Suite struct HostBinaryTests {
    @Test func configurationErrorsExitEXConfigNamingTheVariable() throws {
        let missing = try HostBinary.run(["migrate"], environment: [:])
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("DB_POSTGRES_URL is not set"))
        let invalid = try HostBinary.run(["migrate"], environment: ["DB_POSTGRES_URL": "postgresql://h:x:y/db?nonsense=1"])
        #expect(invalid.status == 78)
        #expect(invalid.stderr.contains("DB_POSTGRES_URL is not a valid libpq connection string"))
        let minAboveMax = try HostBinary.run(
            ["doctor"], environment: ["DB_POSTGRES_URL": "postgresql://localhost/db", "DB_POSTGRES_MIN_CONN": "5", "DB_POSTGRES_MAX_CONN": "2"])
        #expect(minAboveMax.status == 78)
        #expect(minAboveMax.stderr.contains("DB_POSTGRES_MIN_CONN (5) is greater than DB_POSTGRES_MAX_CONN (2)"))
        let notANumber = try HostBinary.run(["doctor"], environment: ["DB_POSTGRES_URL": "postgresql://localhost/db", "DB_POSTGRES_MAX_CONN": "lots"])
        #expect(notANumber.status == 78)
        #expect(notANumber.stderr.contains("DB_POSTGRES_MAX_CONN must be an integer ≥ 1, got 'lots'"))
    }

    @Test func unreachableServerExitsThree() throws {
        let outcome = try HostBinary.run(["migrate"], environment: ["DB_POSTGRES_URL": "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"])
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("cannot connect to PostgreSQL"))
    }

    @Test func migrateServeRefusalAndTamperedChecksum() throws {
        let database = try FreshDatabase()
        let environment = ["DB_POSTGRES_URL": database.url]
        let behind = try HostBinary.run(["serve", "--port", "0"], environment: environment)
        #expect(behind.status == 4)
        #expect(behind.stderr.contains("run `governance-host migrate`"))
        let first = try HostBinary.run(["migrate"], environment: environment)
        #expect(first.status == 0)
        #expect(first.stdout.contains("applied 1 create_core_tables"))
        let second = try HostBinary.run(["migrate"], environment: environment)
        #expect(second.status == 0)
        #expect(second.stdout.contains("nothing to apply"))
        try database.connect().query("UPDATE core.schema_migrations SET checksum = 'edited' WHERE version = 2")
        let tampered = try HostBinary.run(["migrate"], environment: environment)
        #expect(tampered.status == 4)
        #expect(tampered.stderr.contains("migration 2 (create_audit_and_calibration) was changed after it was applied"))
    }

    @Test func operatorCommandsCreateListAndRevoke() throws {
        let database = try FreshDatabase()
        let directory = try TemporaryDirectory()
        let environment = ["DB_POSTGRES_URL": database.url, "GOVERNANCE_AUDIT_JSONL": directory.path + "/audit_log.jsonl"]
        #expect(try HostBinary.run(["migrate"], environment: environment).status == 0)
        let created = try HostBinary.run(["agents", "create", "--label", "Lumen"], environment: environment)
        #expect(created.status == 0)
        let token = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))

        let listed = try HostBinary.run(["agents", "--format", "json"], environment: environment)
        #expect(listed.status == 0)
        let agents = try #require(JSONPayload.parse(Data(listed.stdout.utf8))?.arrayValue)
        #expect(agents.count == 1)
        #expect(agents[0]["label"]?.stringValue == "Lumen")
        #expect(agents[0]["summaries"] == .number(0))
        for key in ["id", "last_seen", "action", "margin"] { #expect(agents[0].objectValue?.keys.contains(key) == true, "\(key)") }
        let csv = try HostBinary.run(["agents", "--format", "csv"], environment: environment)
        #expect(csv.stdout.hasPrefix("label,id,last_seen,action,margin,verdict,E,I,S,V,C,summaries\nLumen,"))
        let table = try HostBinary.run(["agents"], environment: environment)
        #expect(table.stdout.hasPrefix("label "))

        let state = try HostBinary.run(["state", "Lumen", "--json"], environment: environment)
        #expect(state.status == 0)
        #expect(state.stdout == "[]\n")
        #expect(try HostBinary.run(["state", "Nobody"], environment: environment).status == 1)

        let operatorToken = try HostBinary.run(["tokens", "create", "--operator"], environment: environment)
        #expect(operatorToken.status == 0)
        let revoked = try HostBinary.run(["tokens", "revoke", token], environment: environment)
        #expect(revoked.status == 0)
        #expect(revoked.stdout.hasPrefix("revoked device token "))
        #expect(try HostBinary.run(["tokens", "revoke", token], environment: environment).status == 1)

        let tail = try HostBinary.run(["audit", "tail"], environment: environment)
        let types = tail.stdout.split(separator: "\n").compactMap { JSONPayload.parse(Data($0.utf8))?["event_type"]?.stringValue }
        #expect(types == ["token_created", "token_created", "token_revoked"])
        let replay = try HostBinary.run(["audit", "replay", directory.path + "/audit_log.jsonl"], environment: environment)
        #expect(replay.stdout.contains("0 inserted, 3 already present"))
        let doctor = try HostBinary.run(["doctor"], environment: environment)
        #expect(doctor.status == 0)
        #expect(doctor.stdout.contains("schema         ok      version \(Migrator().latestVersion)"), "\(doctor.stdout)")
        let doctorJSON = try HostBinary.run(["doctor", "--format", "json"], environment: environment)
        let checks = try JSONDecoder().decode([[String: String]].self, from: Data(doctorJSON.stdout.utf8))
        #expect(checks.map { $0["check"] ?? "" } == ["configuration", "connectivity", "schema", "pool", "audit file"])
        #expect(checks.allSatisfy { $0["status"] == "ok" })
        // dashboard-link: one line, the login URL on the given base; bad input is refused with a reason.
        let link = try HostBinary.run(["dashboard-link", "--agent", "Lumen", "--base-url", "https://gov.example/", "--ttl", "2m"], environment: environment)
        #expect(link.status == 0, "\(link.stderr)")
        #expect(link.stdout.hasPrefix("https://gov.example/ui/login?key="))
        #expect(link.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count == "https://gov.example/ui/login?key=".count + 64)
        for bad in [["--ttl", "forever"], ["--ttl", "48h"], ["--base-url", "ftp://x"], ["--agent", "Nobody"]] {
            let refused = try HostBinary.run(["dashboard-link"] + bad, environment: environment)
            #expect(refused.status != 0, "\(bad)")
            #expect(!refused.stderr.isEmpty, "\(bad)")
        }
    }

    /// Issue 12, item 17: a second agent could take a label in another case, and `tokens create --agent LABEL` then
    /// named whichever matched; labels with escapes went in unchecked. Now a taken or hostile label is refused with
    /// the flag named, and `tokens create` says which agent id the token is for (by id or label, ignoring case).
    @Test func agentLabelsAreUniqueAndTokensNameTheirAgent() throws {
        let database = try FreshDatabase()
        let directory = try TemporaryDirectory()
        let environment = ["DB_POSTGRES_URL": database.url, "GOVERNANCE_AUDIT_JSONL": directory.path + "/audit_log.jsonl"]
        #expect(try HostBinary.run(["migrate"], environment: environment).status == 0)
        #expect(try HostBinary.run(["agents", "create", "--label", "Alpha"], environment: environment).status == 0)
        let id = try database.connect().query("SELECT id FROM core.agents WHERE label = 'Alpha'")[0].string("id")

        let taken = try HostBinary.run(["agents", "create", "--label", "alpha"], environment: environment)
        #expect(taken.status == 1)
        #expect(taken.stderr.contains("--label: the label 'alpha' is taken by another agent"), "\(taken.stderr)")
        let escaped = try HostBinary.run(["agents", "create", "--label", "Evil\u{1B}[2J"], environment: environment)
        #expect(escaped.status == 64)
        #expect(escaped.stderr.contains("U+001B"), "\(escaped.stderr)")

        for name in [id, "ALPHA"] {
            let token = try HostBinary.run(["tokens", "create", "--agent", name], environment: environment)
            #expect(token.status == 0, "\(token.stderr)")
            #expect(token.stdout.hasPrefix("device token ") && token.stdout.contains(" for agent \(id) created"), "\(token.stdout)")
        }
        let unknown = try HostBinary.run(["tokens", "create", "--agent", "Nobody"], environment: environment)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("--agent: no agent with id or label 'Nobody'"), "\(unknown.stderr)")

        // The operator's way to fix a label (e.g. one migration 5 suffixed): same rules, audited as the operator's.
        #expect(try HostBinary.run(["agents", "create", "--label", "Beta"], environment: environment).status == 0)
        let clash = try HostBinary.run(["agents", "rename", "--agent", "Alpha", "--label", "BETA"], environment: environment)
        #expect(clash.status == 1 && clash.stderr.contains("--label: the label 'BETA' is taken by another agent"), "\(clash.stderr)")
        let bad = try HostBinary.run(["agents", "rename", "--agent", "Alpha", "--label", "Gamma\nforged"], environment: environment)
        #expect(bad.status == 64, "\(bad.stderr)")
        let renamed = try HostBinary.run(["agents", "rename", "--agent", "alpha", "--label", "Lumen"], environment: environment)
        #expect(renamed.status == 0 && renamed.stdout.contains("agent \(id) is now labelled Lumen"), "\(renamed.stderr)")
        #expect(try database.connect().query("SELECT label FROM core.agents WHERE id = $1", [id])[0].string("label") == "Lumen")
        let audited = try database.connect().query(
            "SELECT payload::text AS p FROM audit.events WHERE event_type = 'agent_renamed' AND agent_id = $1", [id])
        #expect(audited.count == 1)
        let payload = try audited[0].string("p")
        #expect(payload.contains("\"from\": \"Alpha\"") && payload.contains("\"to\": \"Lumen\"") && payload.contains("agents rename"), "\(payload)")
        let line = (try? String(contentsOfFile: directory.path + "/audit_log.jsonl", encoding: .utf8))?.split(separator: "\n").last ?? ""
        #expect(line.contains("agent_renamed") && line.contains("Lumen"), "the audit file has the rename too: \(line)")
    }

    /// Issue 12, item 16: a client holding a half-sent body blocked SIGTERM indefinitely (shutdown waited for that
    /// request to be answered). With time-outs far longer than the test, shutdown alone must close it and exit 0.
    @Test func sigtermEndsServeDespiteAStalledHalfSentBody() async throws {
        let database = try FreshDatabase()
        let directory = try TemporaryDirectory()
        let environment = ["DB_POSTGRES_URL": database.url, "GOVERNANCE_AUDIT_JSONL": directory.path + "/audit_log.jsonl"]
        #expect(try HostBinary.run(["migrate"], environment: environment).status == 0)
        let created = try HostBinary.run(["agents", "create", "--label", "Stalled"], environment: environment)
        let token = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        let (server, port) = try HostBinary.serve(environment: environment, extra: ["--idle-timeout", "600", "--body-timeout", "600"])
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let stalled = try RawConnection(port: port)
        stalled.send(
            "POST /v1/summaries HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000\r\n\r\n{\"schema\":1,\"summ")
        #expect(await stalled.secondsUntilClosed(within: 1) == nil, "the server is reading the body")
        let signalled = Date()
        server.terminate()
        while server.isRunning, Date().timeIntervalSince(signalled) < 15 { try await Task.sleep(for: .milliseconds(50)) }
        let took = Date().timeIntervalSince(signalled)
        #expect(!server.isRunning, "serve still running \(took) s after SIGTERM")
        #expect(took < 10, "shutdown took \(took) s")
        if !server.isRunning { #expect(server.terminationStatus == 0) }
    }

    /// The host is Postgres-only: its executable must not link SQLite (GRDB's or any other).
    @Test func executableDoesNotLinkSQLite() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [HostBinary.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("libpq.so"))
        #expect(!text.lowercased().contains("sqlite"))
        let binary = try Data(contentsOf: URL(fileURLWithPath: HostBinary.path))
        #expect(binary.range(of: Data("sqlite3_open".utf8)) == nil)
    }

    /// A second host on a busy port says which port and exits 78 (not restarted by systemd); the first one logs one
    /// info line per request with method, path, status and duration.
    @Test func busyPortIsNamedAndRequestsAreLogged() throws {
        let database = try FreshDatabase()
        let environment = ["DB_POSTGRES_URL": database.url]
        #expect(try HostBinary.run(["migrate"], environment: environment).status == 0)
        let log = NSTemporaryDirectory() + "serve-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let port = try HostBinary.freePort()
        let first = Process()
        first.executableURL = URL(fileURLWithPath: HostBinary.path)
        first.arguments = ["serve", "--port", String(port), "--log-level", "info"]
        first.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        first.standardOutput = FileHandle.nullDevice
        first.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try first.run()
        defer { first.terminate(); first.waitUntilExit() }
        var answered = false
        for _ in 0..<150 where !answered {
            Thread.sleep(forTimeInterval: 0.1)
            answered = (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/health/live")!)) != nil
        }
        #expect(answered)

        let second = try HostBinary.run(["serve", "--port", String(port)], environment: environment)
        #expect(second.status == 78)
        #expect(second.stderr.contains("port \(port) on 127.0.0.1 is already in use"), "\(second.stderr)")

        let badLevel = try HostBinary.run(["serve", "--log-level", "loud"], environment: environment)
        #expect(badLevel.status == 64)
        #expect(badLevel.stderr.contains("--log-level must be one of"))

        var logged = ""
        for _ in 0..<50 where !logged.contains("GET /health/live 200") {
            Thread.sleep(forTimeInterval: 0.1)
            logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        #expect(logged.contains("GET /health/live 200"), "\(logged)")
        #expect(logged.contains("duration_ms="))
    }
}
