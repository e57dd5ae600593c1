import Foundation
import Testing

/// Issue 11's "done when": a creature written the way the Python anima-mcp writes it is adopted by the built `anima`,
/// and after `anima run` it has the same id, name and birth, one more awakening, at least the same alive time and
/// history — while the Python directory stays byte for byte as it was, also when `anima run` is pointed at it.
@Suite struct AdoptionEndToEndTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference-creature.py").path

    struct Identity: Decodable, Equatable {
        var creature_id: String
        var name: String?
        var born_at: String
        var awakenings: Int
        var alive_seconds: Double
    }

    static func files(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: directory + "/" + name) { result[name] = data }
        }
        return result
    }

    @Test func adoptedCreatureWakesUpAsItselfUnderAnima() throws {
        let anima = BuiltProduct.path("anima")
        let home = ProcessRunner.temporaryDirectory("adopt-e2e")
        let source = home + "/.anima"
        let target = home + "/var-lib-anima"
        let berlin = ["TZ": "Europe/Berlin", "PATH": "/usr/bin:/bin"]
        let made = try ProcessRunner.run("/usr/bin/python3", [Self.fixture, source], environment: berlin)
        let succeeded = made.status == 0  // a plain Bool: Swift 6.2's #require misreads a comparison
        try #require(succeeded, "\(made.output)")
        let original = Self.files(source)

        // Pointed at the Python directory, anima refuses, names the command to run, and writes nothing.
        let refused = try ProcessRunner.run(anima, ["run", "--board", "simulator", "--data-dir", source, "--marks", "1"])
        #expect(refused.status == 78, "\(refused.output)")
        #expect(refused.output.contains("anima adopt --from \(source)"), "\(refused.output)")
        let history = try ProcessRunner.run(anima, ["history", "--data-dir", source])
        #expect(history.status != 0 && history.output.contains("anima adopt --from"), "\(history.output)")
        #expect(Self.files(source) == original)

        let adopted = try ProcessRunner.run(anima, ["adopt", "--from", source, "--data-dir", target], environment: berlin)
        #expect(adopted.status == 0, "\(adopted.output)")
        #expect(adopted.output.contains("Adopted creature 49e14444-b59e-48f1-83b8-b36a988c9975 'Lumen'"), "\(adopted.output)")
        #expect(adopted.output.contains("state_history    +60") && adopted.output.contains("drawing_history  +60"), "\(adopted.output)")
        let before = try identity(anima, target)
        #expect(before.creature_id == "49e14444-b59e-48f1-83b8-b36a988c9975" && before.name == "Lumen" && before.awakenings == 3)

        // anima run on the adopted creature (real clock: the Python creature slept 20 s ago, a graceful restart).
        let log = home + "/run.log"
        let process = try ProcessRunner.start("anima", ["run", "--board", "simulator", "--data-dir", target], log: log)
        let awake = ProcessRunner.wait(seconds: 30) {
            (try? String(contentsOfFile: log, encoding: .utf8))?.contains("awake: creature") == true
        }
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let runLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(awake && process.terminationStatus == 0, "\(runLog)")
        #expect(runLog.contains("awake: creature 49e14444-b59e-48f1-83b8-b36a988c9975, awakening 4"), "\(runLog)")

        let after = try identity(anima, target)
        #expect(after.creature_id == before.creature_id && after.name == before.name && after.born_at == before.born_at)
        #expect(after.awakenings == before.awakenings + 1)
        #expect(after.alive_seconds >= before.alive_seconds)
        let rows = try ProcessRunner.run(anima, ["history", "--data-dir", target, "--limit", "1000", "--format", "csv"])
        #expect(rows.status == 0 && rows.output.split(separator: "\n").count - 1 >= 60, "\(rows.output.prefix(300))")

        // Adopting again changes nothing; the source is still exactly as the Python creature left it.
        let again = try ProcessRunner.run(anima, ["adopt", "--from", source, "--data-dir", target], environment: berlin)
        #expect(again.status == 0 && again.output.contains("was already adopted"), "\(again.output)")
        #expect(try identity(anima, target).awakenings == after.awakenings)
        #expect(Self.files(source) == original)
    }

    func identity(_ anima: String, _ dataDirectory: String) throws -> Identity {
        let result = try ProcessRunner.run(anima, ["identity", "--data-dir", dataDirectory, "--json"])
        let succeeded = result.status == 0  // a plain Bool: Swift 6.2's #require misreads a comparison
        try #require(succeeded, "\(result.output)")
        return try JSONDecoder().decode(Identity.self, from: Data(result.output.utf8))
    }
}
