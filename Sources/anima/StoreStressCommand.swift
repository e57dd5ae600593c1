import AnimaDrawing
import AnimaStore
import ArgumentParser
import Foundation

/// Hidden test tool: records drawing_history rows every 10 marks, forever, continuing after the last stored
/// row, so a test can SIGKILL it at random moments and check that anima.db stays sound and contiguous.
struct StoreStressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-stress", abstract: "Write drawing_history rows until killed (for crash tests).",
        shouldDisplay: false)

    @Option(help: "Path of the database to write.")
    var db: String

    @Option(help: "Stop after this many rows (0: run until killed).")
    var rows = 0

    func run() throws {
        let store = try AnimaStore(path: db, recorder: .init(batchSize: 50, commitInterval: 0.02))
        var marks = try store.recentDrawingHistory(limit: 1).first?.snapshot.marks ?? 0
        var written = 0
        FileHandle.standardOutput.write(Data("ready from mark \(marks)\n".utf8))
        while rows == 0 || written < rows {
            marks += 10
            written += 1
            store.drawingRecorder.record(
                DrawingSnapshot(
                    time: 1_795_687_387 + Double(marks) / 10, E: 0.5, I: 0.5, S: 0.2, V: 0, C: 0.5, marks: marks,
                    phase: "developing", era: "gestural", energy: 0.5, curiosity: 0.5, engagement: 0.5, fatigue: 0.1,
                    arcPhase: "developing", gestureEntropy: 0.5, switchingRate: 0.5, intentionality: 0.5))
            // Stay well inside the recorder's bound: this tool tests crash safety, not overload.
            if store.drawingRecorder.status.queued > 2_000 { usleep(1_000) } else { usleep(100) }
        }
        store.close()
    }
}
