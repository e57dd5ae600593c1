import Foundation
import Testing

/// Issue 12 item 11: a virtual-clock run paused by governance makes no marks, so `--marks N` never ended it (2.4
/// simulated years in 12 minutes). `--max-sim-time` and `--until` bound it by simulated time and the log says why it
/// stopped.
@Suite struct SimulatedTimeBoundTests {
    let anima = BuiltProduct.path("anima")

    /// Runs `anima` for at most `seconds`; a run that does not end by then is killed and reported.
    func runBounded(_ arguments: [String], seconds: Double, log: String) throws -> (ended: Bool, status: Int32, output: String) {
        let process = try ProcessRunner.start("anima", arguments, log: log)
        let ended = ProcessRunner.wait(seconds: seconds) { !process.isRunning }
        if !ended { process.terminate() }
        process.waitUntilExit()
        return (ended, process.terminationStatus, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    @Test func aRunPausedByTheLocalFallbackEndsAtItsSimulatedTimeLimit() throws {
        let data = ProcessRunner.temporaryDirectory("sim-time")
        // Nothing listens on this port: every send fails at once and the local fallback decides. Presence 0.2 puts V
        // past the void edge, so it pauses the creature.
        let unreachable = "http://127.0.0.1:\(try GovernanceHostFixture.freePort())"
        let run = try runBounded(
            ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "10", "--marks", "1000000", "--max-sim-time", "1d",
             "--anima", "0.41,0.82,0.89,0.2", "--governance-url", unreachable, "--token-file", try ProcessRunner.tokenFile(in: data),
             "--governance-interval", "30"],
            seconds: 120, log: data + ".log")
        #expect(run.ended, "still running after 120 s: \(run.output.suffix(2000))")
        #expect(run.status == 0, "\(run.output.suffix(2000))")
        #expect(run.output.contains("governance: pause"), "the scenario needs the fallback's pause: \(run.output.suffix(2000))")
        #expect(run.output.contains("stopping: simulated time reached"), "\(run.output.suffix(2000))")
    }

    @Test func untilStopsAtTheGivenTimeAndNeedsAVirtualClock() throws {
        let data = ProcessRunner.temporaryDirectory("sim-until")
        // A fresh virtual run starts now: a day of simulated time, then stop.
        let formatter = ISO8601DateFormatter()
        let until = formatter.string(from: Date().addingTimeInterval(86_400))
        let run = try runBounded(
            ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "20", "--until", until,
             "--anima", "0.41,0.82,0.89,0.83"],
            seconds: 120, log: data + ".log")
        #expect(run.ended && run.status == 0, "\(run.output.suffix(2000))")
        #expect(run.output.contains("stopping: simulated time reached (\(until.dropLast())"), "\(run.output.suffix(2000))")

        let wall = try ProcessRunner.run(anima, ["run", "--data-dir", data, "--max-sim-time", "1h"])
        #expect(wall.status == 64 && wall.output.contains("need --clock-step"), "\(wall.output)")
        let badDate = try ProcessRunner.run(anima, ["run", "--data-dir", data, "--clock-step", "1", "--until", "next tuesday"])
        #expect(badDate.status == 64 && badDate.output.contains("--until must be an ISO 8601 UTC time"), "\(badDate.output)")
        let badSpan = try ProcessRunner.run(anima, ["run", "--data-dir", data, "--clock-step", "1", "--max-sim-time", "soon"])
        #expect(badSpan.status == 64, "\(badSpan.output)")
    }
}
