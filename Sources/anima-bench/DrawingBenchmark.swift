import AnimaDrawing
import AnimaStore
import Foundation

/// Engine throughput per era on the virtual clock (no PNG encoding, no display), release build: the whole simulation
/// (frames/s, marks/s including the frames that place no mark) and the cost of the `draw()` calls that place a mark
/// (marks/s of drawing time, µs per mark). Each era runs with recording off, then with every 10th-mark snapshot handed
/// to a real anima.db recorder (`+rec`), as `anima run` does.
enum DrawingBenchmark {
    static func run() {
        let anima = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        print("Drawing engine (release, anima 0.41/0.82/0.89/0.83, 1 s virtual step, seed 1; +rec = with the anima.db recorder)")
        print(row(["era", "drawings", "marks", "frames", "total s", "frames/s", "marks/s", "marking marks/s", "µs/mark"]))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("anima-bench-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for era in EraName.allCases {
            let drawings = era == .field ? 3 : 10
            measure(era: era, drawings: drawings, anima: anima, store: nil)
            guard let store = try? AnimaStore(path: "\(directory)/\(era.rawValue).db") else {
                print("cannot open a bench database in \(directory)")
                continue
            }
            measure(era: era, drawings: drawings, anima: anima, store: store)
            store.close()
        }
    }

    private static func measure(era: EraName, drawings: Int, anima: AnimaState, store: AnimaStore?) {
        let clock = VirtualClock()
        let engine = DrawingEngine(configuration: DrawingEngineConfiguration(era: era), clock: clock, random: SeededRandom(seed: 1))
        var completed = 0
        var frames = 0
        var marks = 0
        var markNanos: UInt64 = 0
        let start = DispatchTime.now().uptimeNanoseconds
        while completed < drawings {
            let before = DispatchTime.now().uptimeNanoseconds
            let (draw, autonomy) = engine.frame(anima: anima)
            if let store, let snapshot = draw.snapshot { store.drawingRecorder.record(snapshot) }
            let after = DispatchTime.now().uptimeNanoseconds
            frames += 1
            if draw.kind == .marked {
                marks += 1
                markNanos += after - before
            }
            if case .completed? = autonomy { completed += 1 }
            clock.advance(by: 1)
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let markSeconds = Double(markNanos) / 1e9
        print(row([
            era.rawValue + (store == nil ? "" : " +rec"), "\(drawings)", "\(marks)", "\(frames)", String(format: "%.3f", total),
            String(format: "%.0f", Double(frames) / total), String(format: "%.0f", Double(marks) / total),
            String(format: "%.0f", Double(marks) / markSeconds), String(format: "%.2f", markSeconds * 1e6 / Double(marks)),
        ]))
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [17, 9, 7, 8, 8, 10, 9, 16, 8]
        return zip(cells, widths).map { $0.0.padding(toLength: $0.1, withPad: " ", startingAt: 0) }.joined(separator: " ")
    }
}
