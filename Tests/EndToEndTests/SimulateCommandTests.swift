import AnimaStore
import Foundation
import Testing

/// `anima simulate` end to end: a seeded run prints its drawings, writes their PNGs and records drawing_history;
/// the same seed gives the same output and the same history; bad input is refused with the option named.
@Suite struct SimulateCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func simulate(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProduct.path("anima"))
        process.arguments = ["simulate"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `--era rotate` goes through the same rotation as `anima run`: gestural first, then more than one era.
    @Test func rotateVisitsSeveralEras() throws {
        let run = try simulate(["--era", "rotate", "--seed", "5", "--drawings", "5", "--clock-step", "5", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let eras = run.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "\"era\":\"") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(eras.count == 5, "\(run.stdout)")
        #expect(eras.first == "gestural")
        #expect(Set(eras).count > 1, "\(eras)")
    }

    @Test func geometricRunsToThePixelLimitAndIsReproducible() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("anima-sim-\(UUID().uuidString)").path
        var outputs: [String] = []
        var histories: [[String]] = []
        for name in ["a", "b"] {
            let run = try simulate([
                "--era", "geometric", "--seed", "3", "--drawings", "2", "--json",
                "--db", "\(directory)/\(name).db", "--png-dir", "\(directory)/\(name)",
            ])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.count == 2)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["path"] as? String == "pixel_limit")
                #expect((object["pixels"] as? Int ?? 0) > 15_000)
                let file = try #require(object["file"] as? String)
                #expect(FileManager.default.fileExists(atPath: "\(directory)/\(name)/\(file)"))
            }
            outputs.append(run.stdout)
            let store = try AnimaStore(path: "\(directory)/\(name).db")
            let rows = try store.recentDrawingHistory(limit: 1000)
            #expect(!rows.isEmpty)
            histories.append(rows.map { "\($0.timestamp) \($0.snapshot)" })
            store.close()
        }
        #expect(outputs[0] == outputs[1])
        #expect(histories[0] == histories[1])
    }

    @Test(arguments: [
        (["--era", "cubist"], "unknown era 'cubist' for --era; choose one of: rotate, gestural, pointillist, field, geometric"),
        (["--anima", "0.4,1.2,0.5,0.5"], "--anima clarity must be a number in [0, 1]"),
        (["--anima", "0.4,0.5"], "--anima needs four comma-separated values"),
        (["--drawings", "0"], "--drawings must be at least 1"),
        (["--clock-step", "0"], "--clock-step must be in (0, 86400] seconds"),
    ])
    func badInputIsRefusedWithTheOptionNamed(arguments: [String], message: String) throws {
        let run = try simulate(arguments)
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
    }
}
