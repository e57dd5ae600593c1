import Foundation
import Testing

/// Exit codes systemd understands: a bad flag value is a usage error (64), a bad configuration file, environment
/// variable or board is a configuration error (78), and the shipped units do not restart either.
@Suite struct ExitCodeTests {
    let anima = BuiltProduct.path("anima")

    /// The statuses a unit file's `RestartPreventExitStatus=` lists (what systemd would not restart).
    static func restartPrevented(unit: String) throws -> Set<Int32> {
        let text = try String(contentsOfFile: DeployTests.repository.appendingPathComponent("deploy/\(unit)").path, encoding: .utf8)
        let line = text.split(separator: "\n").first { $0.hasPrefix("RestartPreventExitStatus=") } ?? ""
        return Set(line.dropFirst("RestartPreventExitStatus=".count).split(separator: " ").compactMap { Int32($0) })
    }

    @Test func badFlagValueIsUsageAndBadConfigurationIsEXConfigNotRestarted() throws {
        let directory = ProcessRunner.temporaryDirectory("exit-codes")
        let prevented = try Self.restartPrevented(unit: "anima.service")
        #expect(prevented.isSuperset(of: [64, 78]))

        let flag = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--fps", "0", "--marks", "1"])
        #expect(flag.status == 64, "\(flag.output)")
        #expect(flag.output.contains("'fps' (from flag --fps)"))

        // A transport typo exits at once (it used to retry the display every 5 s forever).
        let transport = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--transport", "spi-please", "--marks", "1"])
        #expect(transport.status == 64, "\(transport.output)")
        #expect(transport.output.contains("'spi-please' is not a transport"))
        let transportFile = directory + "/transport.toml"
        try "transport = 'trace:'\n".write(toFile: transportFile, atomically: true, encoding: .utf8)
        let fromFile = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--config", transportFile, "--marks", "1"])
        #expect(fromFile.status == 78, "\(fromFile.output)")

        let pace = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--pace", "60"])
        #expect(pace.status == 64)
        #expect(pace.output.contains("--pace needs --clock-step"))
        // Issue 19: --pace 1e-9 slept 31 years between draws (no watchdog, no SIGTERM) and was accepted.
        let slow = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--clock-step", "1", "--pace", "1e-9"])
        #expect(slow.status == 64 && slow.output.contains("--pace must be in [1, 10000]"), "\(slow.output)")

        let config = directory + "/anima.toml"
        try "fps = 0\n".write(toFile: config, atomically: true, encoding: .utf8)
        let file = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--config", config, "--marks", "1"])
        #expect(file.status == 78, "\(file.output)")
        #expect(prevented.contains(file.status))
        #expect(file.output.contains("\(config):1"))

        let environment = ProcessInfo.processInfo.environment.merging(["ANIMA_FPS": "lots"]) { $1 }
        let variable = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--marks", "1"], environment: environment)
        #expect(variable.status == 78, "\(variable.output)")

        // A Python anima-mcp database in the data directory: refused, named, its bytes untouched, not restarted.
        let python = ProcessRunner.temporaryDirectory("exit-codes-python")
        let pythonDB = python + "/anima.db"
        _ = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE identity (creature_id TEXT PRIMARY KEY, born_at TEXT NOT NULL, name TEXT)")
            c.execute("INSERT INTO identity VALUES ('49e14444-b59e-48f1-83b8-b36a988c9975','2026-01-11T20:41:12','Lumen')"); c.commit()
            """, pythonDB])
        let original = FileManager.default.contents(atPath: pythonDB)
        let foreign = try ProcessRunner.run(anima, ["run", "--data-dir", python, "--marks", "1", "--clock-step", "1"])
        #expect(foreign.status == 78, "\(foreign.output)")
        #expect(foreign.output.contains("a Python anima-mcp database, creature 49e14444-b59e-48f1-83b8-b36a988c9975 'Lumen'"))
        #expect(original != nil && FileManager.default.contents(atPath: pythonDB) == original)
        #expect(!FileManager.default.fileExists(atPath: pythonDB + "-wal") && !FileManager.default.fileExists(atPath: pythonDB + "-shm"))

        // Issue 12 item 8: a path written as a number and a boards_dir that does not exist were accepted silently.
        let numeric = directory + "/numeric.toml"
        try "data_dir = 42\n".write(toFile: numeric, atomically: true, encoding: .utf8)
        let numericRun = try ProcessRunner.run(anima, ["run", "--config", numeric, "--marks", "1"])
        #expect(numericRun.status == 78, "\(numericRun.output)")
        #expect(numericRun.output.contains("'data_dir' (from \(numeric):1): 42 is not a string"))
        #expect(!FileManager.default.fileExists(atPath: "42"))
        let boardsFile = directory + "/boards.toml"
        try "boards_dir = '\(directory)/no-such-boards'\n".write(toFile: boardsFile, atomically: true, encoding: .utf8)
        let boardsRun = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--config", boardsFile, "--marks", "1"])
        #expect(boardsRun.status == 78, "\(boardsRun.output)")
        #expect(boardsRun.output.contains("'boards_dir' (from \(boardsFile):1)"))
        let boardsFlag = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--boards-dir", directory + "/nope", "--marks", "1"])
        #expect(boardsFlag.status == 64, "\(boardsFlag.output)")

        let board = try ProcessRunner.run(anima, ["run", "--data-dir", directory, "--board", "no-such-board", "--marks", "1"])
        #expect(board.status == 78, "\(board.output)")
        #expect(prevented.contains(board.status))
        #expect(!FileManager.default.fileExists(atPath: directory + "/anima.db"), "validation comes before anima.db is opened")
    }
}
