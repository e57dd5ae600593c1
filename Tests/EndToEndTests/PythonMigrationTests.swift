import Foundation
import Testing

/// deploy/migrate-from-python.sh on a fake root holding a Python anima-mcp install as its own repository ships it
/// (CIRWEL/anima-mcp systemd/anima.service, anima-broker.service, anima-watchdog.service: units in
/// /etc/systemd/system, `Environment="ANIMA_DB=/home/unitares-anima/.anima/anima.db"`, ExecStart in the venv).
@Suite struct PythonMigrationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("deploy/migrate-from-python.sh").path
    static let fixture = repository.appendingPathComponent("Tests/Fixtures/reference-creature.py").path

    static let pythonUnit = """
        [Unit]
        Description=Anima MCP Server - Lumen's Mind (MCP Interface)
        Requires=anima-broker.service

        [Service]
        User=unitares-anima
        Environment="ANIMA_ID=49e14444-b59e-48f1-83b8-b36a988c9975"
        Environment="ANIMA_DB=/home/unitares-anima/.anima/anima.db"
        ExecStart=/home/unitares-anima/anima-mcp/.venv/bin/anima --http --host 0.0.0.0 --port 8766

        [Install]
        WantedBy=multi-user.target

        """

    struct FakeRoot {
        let root: String
        let systemctlLog: String
        let systemctl: String
        var creature: String { root + "/home/unitares-anima/.anima" }
    }

    /// A root with the Python units and a creature, and a `systemctl` that only records its arguments.
    func makeFakeRoot() throws -> FakeRoot {
        let root = ProcessRunner.temporaryDirectory("python-pi-root")
        let units = root + "/etc/systemd/system"
        try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        try Self.pythonUnit.write(toFile: units + "/anima.service", atomically: true, encoding: .utf8)
        try "[Service]\nExecStart=/home/unitares-anima/anima-mcp/.venv/bin/anima-creature\n"
            .write(toFile: units + "/anima-broker.service", atomically: true, encoding: .utf8)
        try "[Service]\nExecStart=/home/unitares-anima/anima-mcp/scripts/anima-watchdog.sh\n"
            .write(toFile: units + "/anima-watchdog.service", atomically: true, encoding: .utf8)
        let fake = FakeRoot(root: root, systemctlLog: root + "/../\(UUID().uuidString)-systemctl.log", systemctl: root + "/../\(UUID().uuidString)-systemctl")
        try "#!/bin/sh\necho \"$*\" >> '\(fake.systemctlLog)'\n".write(toFile: fake.systemctl, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.systemctl)
        let made = try ProcessRunner.run("/usr/bin/python3", [Self.fixture, fake.creature], environment: ["TZ": "UTC", "PATH": "/usr/bin:/bin"])
        let succeeded = made.status == 0  // a plain Bool: Swift 6.2's #require misreads a comparison
        try #require(succeeded, "\(made.output)")
        return fake
    }

    func migrate(_ fake: FakeRoot, _ extra: [String] = []) throws -> ProcessRunner.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["SYSTEMCTL"] = fake.systemctl
        return try ProcessRunner.run("/bin/bash", [Self.script, "--root", fake.root, "--anima", BuiltProduct.path("anima")] + extra,
                                     environment: environment)
    }

    static func tree(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            result[name] = FileManager.default.contents(atPath: directory + "/" + name) ?? Data()
        }
        return result
    }

    @Test func stopsThePythonServicesAdoptsTheCreatureAndKeepsTheOriginal() throws {
        let fake = try makeFakeRoot()
        let creatureBefore = Self.tree(fake.creature)
        let result = try migrate(fake)
        #expect(result.status == 0, "\(result.output)")

        let calls = (try? String(contentsOfFile: fake.systemctlLog, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        #expect(calls == [
            "stop anima-watchdog.service", "disable anima-watchdog.service", "stop anima-broker.service",
            "disable anima-broker.service", "stop anima.service", "disable anima.service", "daemon-reload",
        ], "the watchdog goes first, or it restarts what was just stopped")

        // The Python unit is out of systemd's way (Anima's has the same name), kept byte for byte as the backup.
        #expect(!FileManager.default.fileExists(atPath: fake.root + "/etc/systemd/system/anima.service"))
        #expect(try String(contentsOfFile: fake.root + "/etc/anima/anima-mcp-units/anima.service", encoding: .utf8) == Self.pythonUnit)

        // The creature lives on in Anima's data directory; its Python files are untouched.
        #expect(Self.tree(fake.creature) == creatureBefore)
        let identity = try ProcessRunner.run(BuiltProduct.path("anima"), ["identity", "--data-dir", fake.root + "/var/lib/anima", "--json"])
        #expect(identity.status == 0 && identity.output.contains("49e14444-b59e-48f1-83b8-b36a988c9975"), "\(identity.output)")
        #expect(result.output.contains("Adopted creature 49e14444-b59e-48f1-83b8-b36a988c9975 'Lumen'"), "\(result.output)")
        for step in ["To go back to anima-mcp:", "sudo mv /etc/anima/anima-mcp-units/anima.service /etc/systemd/system/anima.service",
                     "sudo systemctl enable --now anima-watchdog.service anima-broker.service anima.service"] {
            #expect(result.output.contains(step), "missing '\(step)' in:\n\(result.output)")
        }

        // Again: nothing new to adopt, the backup is not overwritten.
        let again = try migrate(fake)
        #expect(again.status == 0 && again.output.contains("was already adopted"), "\(again.output)")
        #expect(try String(contentsOfFile: fake.root + "/etc/anima/anima-mcp-units/anima.service", encoding: .utf8) == Self.pythonUnit)
    }

    @Test func aDryRunListsEveryStepAndChangesNothing() throws {
        let fake = try makeFakeRoot()
        let before = Self.tree(fake.root)
        let result = try migrate(fake, ["--dry-run"])
        #expect(result.status == 0, "\(result.output)")
        for action in ["dry run: nothing is changed", "stop anima-broker.service", "disable anima.service",
                       "mv \(fake.root)/etc/systemd/system/anima.service", "adopt --from \(fake.creature) --data-dir \(fake.root)/var/lib/anima",
                       "To go back to anima-mcp:"] {
            #expect(result.output.contains(action), "missing '\(action)' in:\n\(result.output)")
        }
        #expect(Self.tree(fake.root) == before)
        #expect(!FileManager.default.fileExists(atPath: fake.systemctlLog), "a dry run calls no systemctl")
    }

    @Test func anInstallWithoutPythonIsLeftAlone() throws {
        let root = ProcessRunner.temporaryDirectory("plain-pi-root")
        let result = try ProcessRunner.run("/bin/bash", [Self.script, "--root", root, "--anima", "/nonexistent"])
        #expect(result.status == 0 && result.output.contains("no Python anima-mcp install found"), "\(result.output)")
    }
}
