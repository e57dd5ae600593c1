import AnimaDrawing
import AnimaFiles
import AnimaImage
import AnimaStore
import ArgumentParser
import CommandOutput
import Foundation

/// `anima simulate`: the drawing engine flat out on a virtual clock, so anyone can compare drawings with the
/// reference figures (docs/drawing-engine.md). One line (or JSON object) per completed drawing.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the drawing engine on a virtual clock and report each drawing.",
        discussion: """
            Each frame runs the autonomy check every 10th frame, then one draw(), then advances the virtual clock by
            --clock-step seconds (1 s is the reference's notepad cadence). Per drawing it prints marks, pixels,
            simulated duration, the completion path, final E/I/S/V/C and attention. Progress goes to stderr.
            Example: anima simulate --era gestural --seed 1 --drawings 3 --png-dir /tmp/drawings
            """)

    @Option(help: "Era: \(EraSelection.accepted.joined(separator: ", ")) (rotate: a new era after each finished drawing, as `anima run` does by default).")
    var era: String = "gestural"

    @Option(help: "Random seed; the same seed gives the same drawings.")
    var seed: UInt64 = 1

    @Option(help: "How many drawings to complete.")
    var drawings: Int = 1

    @Option(help: "Virtual seconds per draw() call.")
    var clockStep: Double = 1.0

    @Option(help: "Fixed anima as warmth,clarity,stability,presence, each in [0, 1].")
    var anima: String = "0.41,0.82,0.89,0.83"

    @Option(help: "anima.db to record drawing_history into (created if missing).")
    var db: String?

    @Option(help: "Directory to write each drawing's PNG into (created if missing).")
    var pngDir: String?

    @OptionGroup var output: OutputFormatOption

    func validate() throws {
        guard EraSelection(era) != nil else {
            throw ValidationError(
                "unknown era '\(era)' for --era; choose one of: \(EraSelection.accepted.joined(separator: ", "))")
        }
        guard drawings > 0 else { throw ValidationError("--drawings must be at least 1, got \(drawings)") }
        guard clockStep > 0, clockStep <= 86_400 else { throw ValidationError("--clock-step must be in (0, 86400] seconds, got \(clockStep)") }
        _ = try parsedAnima()
    }

    func parsedAnima() throws -> AnimaState {
        let parts = anima.split(separator: ",", omittingEmptySubsequences: false)
        let names = ["warmth", "clarity", "stability", "presence"]
        guard parts.count == 4 else {
            throw ValidationError("--anima needs four comma-separated values warmth,clarity,stability,presence; got '\(anima)'")
        }
        var values: [Double] = []
        for (name, part) in zip(names, parts) {
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)), (0...1).contains(value) else {
                throw ValidationError("--anima \(name) must be a number in [0, 1]; got '\(part)'")
            }
            values.append(value)
        }
        return AnimaState(warmth: values[0], clarity: values[1], stability: values[2], presence: values[3])
    }

    func run() throws {
        let feeling = try parsedAnima()
        guard let selection = EraSelection(era) else { throw ValidationError("unknown era '\(era)'") }
        if let pngDir { try FileManager.default.createDirectory(atPath: pngDir, withIntermediateDirectories: true) }
        let store = try db.map { path in try AnimaStore(path: path) }
        defer { store?.close() }

        var simulation = DrawingSimulation(
            era: selection.firstEra, seed: seed, anima: feeling, clockStep: clockStep,
            configuration: DrawingEngineConfiguration(autoRotate: selection.autoRotate))
        var completed = 0
        var abandoned = 0
        var writeError: Error?
        simulation.run(drawings: drawings) { event in
            switch event.kind {
            case let .snapshot(snapshot):
                store?.drawingRecorder.record(snapshot)
                if snapshot.marks % 100 == 0 {
                    progress("\rdrawing \(completed + 1)/\(drawings): \(snapshot.marks) marks, arc \(snapshot.arcPhase ?? "?")   ")
                }
            case .abandoned:
                abandoned += 1
            case let .completed(drawing):
                completed += 1
                progress("\r\u{1B}[K")
                if let pngDir, writeError == nil {
                    do {
                        try AtomicFile.write(PNGEncoder.encode(drawing.image), to: pngDir + "/" + drawing.fileName)
                    } catch {
                        writeError = error
                    }
                }
                switch output.resolved {
                case .json: print(jsonLine(drawing, index: completed, abandoned: abandoned))
                case .csv:
                    if completed == 1 { print(SimulatedDrawingLine.csvHeader.joined(separator: ",")) }
                    print(csvRow(drawing, index: completed, abandoned: abandoned))
                case .table: print(textLine(drawing, index: completed, abandoned: abandoned))
                }
                abandoned = 0
            case let .gaveUp(marks, pixels):
                FileHandle.standardError.write(
                    Data("\ndrawing \(completed + 1) did not complete (\(marks) marks, \(pixels) px)\n".utf8))
            }
        }
        // `close()` (deferred above) commits what the recorder holds before returning.
        if let writeError { throw writeError }
    }

    /// Progress on stderr, only when it is a terminal (the line is redrawn in place).
    func progress(_ text: String) {
        guard isatty(STDERR_FILENO) != 0 else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }

    func textLine(_ d: CompletedDrawing, index: Int, abandoned: Int) -> String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        return "drawing \(index): era \(d.era) marks \(d.marks) pixels \(d.pixels) duration \(String(format: "%.0f", d.duration))s "
            + "path \(d.path.rawValue) E \(f(d.E)) I \(f(d.I)) S \(f(d.S)) V \(f(d.V)) C \(f(d.behaviouralC)) odeC \(f(d.odeC)) "
            + "curiosity \(f(d.curiosity)) engagement \(f(d.engagement)) fatigue \(f(d.fatigue)) "
            + "satisfaction \(f(d.compositionalSatisfaction)) abandoned_before \(abandoned) file \(d.fileName)"
    }

    /// One drawing as the `--format json` line: JSONEncoder, so a non-finite value is `null`, never a bare `nan`.
    func jsonLine(_ d: CompletedDrawing, index: Int, abandoned: Int) -> String {
        let line = SimulatedDrawingLine(d, index: index, abandoned: abandoned)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(line)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// One drawing as a `--format csv` row (the header is `SimulatedDrawingLine.csvHeader`).
    func csvRow(_ d: CompletedDrawing, index: Int, abandoned: Int) -> String {
        OutputFormat.csv(header: [], rows: [SimulatedDrawingLine(d, index: index, abandoned: abandoned).csvFields]).trimmingCharacters(in: .newlines)
    }
}

/// What `anima simulate` reports per finished drawing, in JSON and CSV.
struct SimulatedDrawingLine: Encodable {
    var drawing: Int
    var era: String
    var marks: Int
    var pixels: Int
    var durationS: Double?
    var path: String
    var E, I, S, V, C, odeC, curiosity, engagement, fatigue, compositionalSatisfaction: Double?
    var abandonedBefore: Int
    var file: String

    enum CodingKeys: String, CodingKey {
        case drawing, era, marks, pixels, path, E, I, S, V, C, curiosity, engagement, fatigue, file
        case durationS = "duration_s", odeC = "ode_C", compositionalSatisfaction = "compositional_satisfaction"
        case abandonedBefore = "abandoned_before"
    }

    static let csvHeader = [
        "drawing", "era", "marks", "pixels", "duration_s", "path", "E", "I", "S", "V", "C", "ode_C", "curiosity", "engagement",
        "fatigue", "compositional_satisfaction", "abandoned_before", "file",
    ]

    init(_ d: CompletedDrawing, index: Int, abandoned: Int) {
        func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
        drawing = index
        era = d.era.rawValue
        marks = d.marks
        pixels = d.pixels
        durationS = finite(d.duration)
        path = d.path.rawValue
        E = finite(d.E)
        I = finite(d.I)
        S = finite(d.S)
        V = finite(d.V)
        C = finite(d.behaviouralC)
        odeC = finite(d.odeC)
        curiosity = finite(d.curiosity)
        engagement = finite(d.engagement)
        fatigue = finite(d.fatigue)
        compositionalSatisfaction = finite(d.compositionalSatisfaction)
        abandonedBefore = abandoned
        file = d.fileName
    }

    var csvFields: [String] {
        func f(_ value: Double?) -> String { value.map { String(format: "%.6f", $0) } ?? "" }
        return [
            String(drawing), era, String(marks), String(pixels), f(durationS), path, f(E), f(I), f(S), f(V), f(C), f(odeC),
            f(curiosity), f(engagement), f(fatigue), f(compositionalSatisfaction), String(abandonedBefore), file,
        ]
    }
}
