import AnimaStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 19 item 10: a virtual run killed with SIGKILL never wrote `runtime.last_time` (only a clean stop does), so the
/// next virtual run started a year back, before its own history: its wake, state rows and drawing rows ran backwards
/// in time (22 inversions in 30 kills). A start now resumes after the creature's newest record.
@Suite struct ClockResumeTests {
    static let anima = ["--anima", "0.41,0.82,0.89,0.83"]

    /// Timestamps in row order (id) that go backwards, per table.
    static func inversions(_ store: AnimaStore) throws -> [String: Int] {
        func count(_ rows: [(id: Int64, time: String)]) -> Int {
            let times = rows.sorted { $0.id < $1.id }.map(\.time)
            return zip(times, times.dropFirst()).filter { $0.1 < $0.0 }.count
        }
        return [
            "state_history": count(try store.identity.recentStateHistory(limit: 1_000_000).map { ($0.id, $0.timestamp) }),
            "drawing_history": count(try store.recentDrawingHistory(limit: 1_000_000).map { ($0.id, $0.timestamp) }),
            "events": count(try store.identity.recentEvents(limit: 1_000_000).filter { ["wake", "sleep"].contains($0.type) }.map { ($0.id, $0.timestamp) }),
        ]
    }

    @Test func aRunAfterASIGKILLResumesAfterTheNewestRecord() throws {
        let data = ProcessRunner.temporaryDirectory("clock-resume")
        let logs = ProcessRunner.temporaryDirectory("clock-resume-logs")
        for round in 0..<3 {
            let log = logs + "/run-\(round).log"
            let run = try ProcessRunner.start(
                "anima", ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "30", "--pace", "400"] + Self.anima, log: log)
            let text = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
            #expect(ProcessRunner.wait(seconds: 30) { text().contains("awake:") }, "\(text())")
            Thread.sleep(forTimeInterval: 3)  // ~1,200 draw() calls: hours of simulated time, rows in every table
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
        }
        let store = try AnimaStore(path: data + "/anima.db")
        let newest = try #require(try store.newestRecordTime())
        store.close()
        #expect(newest > Date().timeIntervalSince1970 + 3_600, "three killed runs raced hours ahead of real time")
        let last = try ProcessRunner.run(
            BuiltProduct.path("anima"), ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "30", "--marks", "2"] + Self.anima)
        #expect(last.status == 0, "\(last.output.suffix(2000))")
        let after = try AnimaStore(path: data + "/anima.db")
        defer { after.close() }
        let inversions = try Self.inversions(after)
        #expect(inversions.values.allSatisfy { $0 == 0 }, "\(inversions)")
        let wakes = try after.identity.recentEvents(limit: 1_000).filter { $0.type == "wake" }.map(\.timestamp)
        #expect(wakes.count == 4, "\(wakes)")
        #expect((wakes.last.flatMap(StoreTimestamp.parse) ?? 0) > newest)
    }
}
