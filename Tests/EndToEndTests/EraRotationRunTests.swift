import Foundation
import Testing

/// `anima run` rotates eras after each finished drawing, as the reference's `choose_next_era` does with auto-rotate
/// on (anima-mcp display/eras/__init__.py: weights 0.3 for the current era, 1.0 for the others), and `--era` pins one.
@Suite struct EraRotationRunTests {
    let anima = BuiltProduct.path("anima")

    static func finishedEras(_ output: String) -> [(era: String, next: String)] {
        output.split(separator: "\n").compactMap { line in
            guard line.contains("finished a drawing:"),
                  let eraRange = line.range(of: "(era "), let nextRange = line.range(of: "; next era ") else { return nil }
            let era = line[eraRange.upperBound...].prefix { $0 != "," }
            let next = line[nextRange.upperBound...].prefix { !$0.isWhitespace }
            return (String(era), String(next))
        }
    }

    @Test func aLongVirtualRunVisitsSeveralErasInTheChoosersOrder() throws {
        let directory = ProcessRunner.temporaryDirectory("run-eras")
        let result = try ProcessRunner.run(anima, [
            "run", "--board", "simulator", "--data-dir", directory + "/data", "--clock-step", "5", "--seed", "4",
            "--anima", "0.41,0.82,0.89,0.83", "--marks", "6000",
        ])
        #expect(result.status == 0, "\(result.output)")
        let finished = Self.finishedEras(result.output)
        #expect(finished.count >= 3, "\(result.output)")
        #expect(finished.first?.era == "gestural", "a new creature starts in the reference's default era")
        #expect(Set(finished.map(\.era)).count > 1, "eras: \(finished.map(\.era))")
        // Each drawing is in the era chosen when the previous one finished.
        for (previous, next) in zip(finished, finished.dropFirst()) { #expect(next.era == previous.next) }
        let pngs = try FileManager.default.contentsOfDirectory(atPath: directory + "/data/drawings")
        #expect(Set(finished.map(\.era)).allSatisfy { era in pngs.contains { $0.contains("_\(era)") } }, "\(pngs)")
    }

    @Test func eraFlagPinsOneEra() throws {
        let directory = ProcessRunner.temporaryDirectory("run-era-pinned")
        let result = try ProcessRunner.run(anima, [
            "run", "--board", "simulator", "--data-dir", directory + "/data", "--clock-step", "5", "--seed", "4",
            "--anima", "0.41,0.82,0.89,0.83", "--marks", "3000", "--era", "pointillist",
        ])
        #expect(result.status == 0, "\(result.output)")
        let finished = Self.finishedEras(result.output)
        #expect(finished.count >= 2, "\(result.output)")
        #expect(finished.allSatisfy { $0.era == "pointillist" && $0.next == "pointillist" }, "\(finished)")
    }

    @Test func garbageEraIsRefusedWithTheChoices() throws {
        let directory = ProcessRunner.temporaryDirectory("run-era-bad")
        let result = try ProcessRunner.run(anima, [
            "run", "--board", "simulator", "--data-dir", directory + "/data", "--clock-step", "5", "--marks", "1", "--era", "cubist",
        ])
        #expect(result.status != 0)
        #expect(result.output.contains("configuration 'era' (from flag --era): 'cubist' must be one of: rotate, gestural, pointillist, field, geometric"),
                "\(result.output)")
    }
}
