import Foundation
import Testing

/// Issue 19 item 5: every start loaded all state_history timestamps: peak RSS 35 MB for a new creature, 146 MB at
/// 1 M rows. A creature a year old (1 M state_history rows, 500 k drawing_history rows, ~1,100 drawings; made by
/// `anima-bench --aged-creature`) now starts within a few MB of a new one, even on its first start after the
/// upgrade (a full quick_check and one recount, both in SQLite). Peak RSS is the kernel's (wait4), not a timing.
@Suite struct AgingStartTests {
    /// Runs anima to its end and returns (exit status, peak RSS in KiB, output).
    static func measured(_ arguments: [String]) throws -> (status: Int32, peakKiB: Int, output: String) {
        let script = """
            import os, subprocess, sys
            p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            out = p.stdout.read()
            _, status, usage = os.wait4(p.pid, 0)
            sys.stdout.write("%d %d\\n" % (os.waitstatus_to_exitcode(status), usage.ru_maxrss))
            sys.stdout.write(out.decode(errors="replace"))
            """
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script, BuiltProduct.path("anima")] + arguments)
        let first = result.output.split(separator: "\n", maxSplits: 1)
        let numbers = (first.first ?? "").split(separator: " ").compactMap { Int($0) }
        return (Int32(numbers.first ?? -1), numbers.count > 1 ? numbers[1] : 0, first.count > 1 ? String(first[1]) : "")
    }

    static let run = ["run", "--board", "simulator", "--anima", "0.41,0.82,0.89,0.83", "--clock-step", "1", "--marks", "1"]

    @Test func aCreatureAYearOldStartsInAboutTheMemoryOfANewOne() throws {
        let fresh = ProcessRunner.temporaryDirectory("aging-fresh")
        _ = try Self.measured(Self.run + ["--data-dir", fresh])
        let young = try Self.measured(Self.run + ["--data-dir", fresh])
        #expect(young.status == 0, "\(young.output.suffix(2000))")

        let old = ProcessRunner.temporaryDirectory("aging-old")
        let made = try ProcessRunner.run(BuiltProduct.path("anima-bench"), ["--aged-creature", old, "--days", "365"])
        #expect(made.status == 0, "\(made.output)")
        let first = try Self.measured(Self.run + ["--data-dir", old])
        #expect(first.status == 0, "\(first.output.suffix(2000))")
        #expect(first.peakKiB < young.peakKiB + 10 * 1024, "first start: \(first.peakKiB) KiB, a new creature's \(young.peakKiB) KiB")
        #expect(first.output.contains("awakening"), "\(first.output.suffix(2000))")
        let second = try Self.measured(Self.run + ["--data-dir", old])
        #expect(second.status == 0, "\(second.output.suffix(2000))")
        #expect(second.peakKiB < young.peakKiB + 5 * 1024, "after a clean stop: \(second.peakKiB) KiB, a new creature's \(young.peakKiB) KiB")
        try? FileManager.default.removeItem(atPath: old)
    }
}
