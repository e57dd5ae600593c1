import AnimaDrawing
import Foundation

/// Engine-only throughput: marks per second per era on the virtual clock (no store, no PNG writes), release build.
enum DrawingBenchmark {
    static func run() {
        let anima = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        print("Drawing engine (release, engine only, anima 0.41/0.82/0.89/0.83, 1 s virtual step)")
        print("era          drawings   marks    frames     seconds   marks/s      frames/s")
        for era in EraName.allCases {
            let drawings = era == .field ? 3 : 10
            var simulation = DrawingSimulation(era: era, seed: 1, anima: anima)
            var marks = 0
            var frames = 0
            let start = DispatchTime.now().uptimeNanoseconds
            simulation.run(drawings: drawings) { event in
                if case let .completed(drawing) = event.kind { marks += drawing.marks }
                frames = event.frame
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
            print(
                pad(era.rawValue, 13) + pad("\(drawings)", 11) + pad("\(marks)", 9) + pad("\(frames)", 11)
                    + pad(String(format: "%.3f", seconds), 10) + pad(String(format: "%.0f", Double(marks) / seconds), 13)
                    + String(format: "%.0f", Double(frames) / seconds))
        }
    }
}
