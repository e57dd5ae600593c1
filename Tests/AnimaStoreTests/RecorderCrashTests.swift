import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// kill -9 robustness: a child process (`anima store-stress`) records continuously and is SIGKILLed at random
/// moments; after every kill the file is sound and the history is contiguous every 10 marks.
@Suite struct RecorderCrashTests {
    /// The `anima` executable built next to the test bundle (`swift build --build-tests` builds it).
    static func animaExecutable() -> URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("anima")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    @Test func survivesTwentyFiveRandomKills() throws {
        let executable = try #require(Self.animaExecutable(), "build the anima executable (swift build --build-tests)")
        let path = try makeTemporaryDirectory("anima-kill").appendingPathComponent("anima.db").path
        var generator = SystemRandomNumberGenerator()
        var lastCount = 0
        var grewAfterKills = 0
        for round in 1...25 {
            let child = Process()
            child.executableURL = executable
            child.arguments = ["store-stress", "--db", path]
            let output = Pipe()
            child.standardOutput = output
            try child.run()
            // Wait for "ready" so the kill lands while rows are flowing, then kill at a random moment.
            _ = output.fileHandleForReading.availableData
            usleep(UInt32.random(in: 20_000...300_000, using: &generator))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal, "round \(round)")

            let queue = try DatabaseQueue(path: path)
            let (check, marks) = try queue.read { db in
                (
                    try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; "),
                    try Int.fetchAll(db, sql: "SELECT marks FROM drawing_history ORDER BY id")
                )
            }
            try queue.close()
            #expect(check == "ok", "round \(round)")
            #expect(marks == Array(stride(from: 10, through: marks.count * 10, by: 10)), "round \(round): gap in history")
            if marks.count > lastCount { grewAfterKills += 1 }
            lastCount = marks.count
        }
        // Most rounds must have committed something, or the test proved nothing.
        #expect(grewAfterKills >= 15)
    }
}
