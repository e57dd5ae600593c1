import Foundation
import Testing

/// Issue 12 item 7: while a write keeps failing (a full disk), every frame logged it again — 7,185 lines in 20 s. Here
/// canvas.json and status.json cannot be replaced (their temporary paths are directories): the creature keeps drawing
/// to its mark limit and logs each failure once (back-off: then at most once a minute with a count).
@Suite struct FailingWritesTests {
    @Test func aWriteThatKeepsFailingIsLoggedOnceAndDrawingGoesOn() throws {
        let data = ProcessRunner.temporaryDirectory("failing-writes")
        for blocked in ["canvas.json.tmp", "status.json.tmp"] {
            try FileManager.default.createDirectory(atPath: data + "/" + blocked, withIntermediateDirectories: true)
        }
        let result = try ProcessRunner.run(
            BuiltProduct.path("anima"),
            ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--marks", "200", "--anima", "0.41,0.82,0.89,0.83"])
        #expect(result.status == 0, "\(result.output.suffix(3000))")
        #expect(result.output.contains("stopping: 200 marks reached"), "\(result.output.suffix(3000))")
        let lines = result.output.split(separator: "\n")
        let canvasLines = lines.filter { $0.contains("could not persist the canvas") }
        let statusLines = lines.filter { $0.contains("status file:") }
        #expect(canvasLines.count == 1, "\(canvasLines.count) canvas lines")
        #expect(statusLines.count == 1, "\(statusLines.count) status lines")
    }
}
