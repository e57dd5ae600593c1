import AnimaStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Power loss, simulated: `anima run` is SIGKILLed at random moments, 20 times. Every time anima.db passes
/// `PRAGMA integrity_check`, drawing_history has no hole (each row is 10 marks after the previous one, or a restart or a
/// new drawing), and the next start resumes the canvas from canvas.json.
@Suite struct CrashResumeTests {
    @Test func killNineTwentyTimes() throws {
        let data = ProcessRunner.temporaryDirectory("crash")
        let arguments = ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--anima", "0.41,0.82,0.89,0.83"]
        var generator = SystemRandomNumberGenerator()
        var resumedRuns = 0
        for round in 0..<20 {
            let log = data + "-run\(round).log"
            let creature = try ProcessRunner.start("anima", arguments + ["--seed", String(round)], log: log)
            // The random moment counts from the creature being awake, not from exec: on a loaded machine (make test
            // runs every end-to-end suite at once) starting alone can take longer than the shortest kill delay.
            _ = ProcessRunner.wait(seconds: 20) { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("awake: creature") }
            Thread.sleep(forTimeInterval: .random(in: 0.4...1.2, using: &generator))
            kill(creature.processIdentifier, SIGKILL)
            creature.waitUntilExit()
            #expect(creature.terminationReason == .uncaughtSignal)

            let database = try AnimaDatabase(path: data + "/anima.db")
            #expect(try database.integrityCheck() == "ok", "round \(round)")
            let marks = try database.read { db in try Int.fetchAll(db, sql: "SELECT marks FROM drawing_history ORDER BY id") }
            // Each row is 10 marks after the one before, or the first of a new drawing: never a hole, and never a
            // rewind to mark numbers already recorded (issue 19 item 10: rows past the saved canvas are removed).
            for (previous, next) in zip(marks, marks.dropFirst()) {
                #expect(next == previous + 10 || next == 10, "round \(round): history goes from \(previous) to \(next) marks")
            }
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if text.contains("resumed the canvas") { resumedRuns += 1 }
            #expect(!FileManager.default.fileExists(atPath: data + "/canvas.json.corrupt"), "round \(round): canvas.json was torn")
        }
        // Every run after the first had a canvas to resume (the first 0.4 s always draws and persists).
        #expect(resumedRuns >= 18, "only \(resumedRuns) of 19 restarts resumed the canvas")
        let rows = try AnimaStore(path: data + "/anima.db").drawingHistoryCount()
        #expect(rows > 20)
    }
}
