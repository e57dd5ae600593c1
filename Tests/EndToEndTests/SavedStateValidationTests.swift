import Foundation
import Testing

/// Issue 12 item 8: `last_save_time = 1e300` in canvas.json was accepted; completion waits 60 s after the last save, so
/// the drawing could never finish. Now the value is clamped, the log names canvas.json and the field, and the canvas
/// is still resumed.
@Suite struct SavedStateValidationTests {
    @Test func anAbsurdSaveTimeIsClampedNamedAndTheCanvasResumed() throws {
        let data = ProcessRunner.temporaryDirectory("saved-state")
        let canvas = data + "/canvas.json"
        // A creature first (a canvas.json with no anima.db beside it is a lost database, refused), then its canvas
        // edited by hand.
        let born = try ProcessRunner.run(
            BuiltProduct.path("anima"),
            ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--marks", "1", "--anima", "0.41,0.82,0.89,0.83"])
        #expect(born.status == 0, "\(born.output)")
        try """
            {"pixels": {"10,10": [200,100,50], "11,10": [200,100,50]}, "mark_count": 2, "last_save_time": 1e300,
             "last_clear_time": -1}
            """.write(toFile: canvas, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(
            BuiltProduct.path("anima"),
            ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--marks", "3", "--anima", "0.41,0.82,0.89,0.83"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("canvas file \(canvas): 2 saved values not used as written"), "\(result.output)")
        #expect(result.output.contains("last_save_time: 1e+300 is in the future; clamped to now"))
        #expect(result.output.contains("last_clear_time: -1.0 is not a time"))
        #expect(result.output.contains("resumed the canvas: 2 pixels"))
        #expect(!FileManager.default.fileExists(atPath: canvas + ".corrupt"))
        // The next save writes a sane time.
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: canvas))) as? [String: Any]
        let lastSave = try #require(saved?["last_save_time"] as? Double)
        #expect(lastSave < Date().timeIntervalSince1970 + 86_400)
    }
}
