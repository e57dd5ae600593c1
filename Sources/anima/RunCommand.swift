import AnimaRuntime
import AnimaStore
import ArgumentParser
import Foundation

/// `anima run`: the creature's main job. PLACEHOLDER until the runtime issue lands: it opens anima.db under the
/// data directory and ticks at the frame rate until SIGINT/SIGTERM, then exits 0. No drawing yet.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the creature on a board until stopped (placeholder loop: no drawing yet).")

    @Option(help: "Board name (only 'simulator' for now).")
    var board = "simulator"

    @Option(help: "Directory for anima.db and drawings.")
    var dataDir = "./var"

    @Option(help: "Frames per second of the loop.")
    var fps = 20.0

    func validate() throws {
        guard fps > 0, fps <= 240 else { throw ValidationError("--fps must be in (0, 240], got \(fps)") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let database = try AnimaDatabase(path: dataDir + "/anima.db")
        let shutdown = ShutdownSignal()
        print("anima: PLACEHOLDER loop on board '\(board)' (anima.db at \(database.path)); the creature is not wired in yet. Ctrl-C stops.")
        var frames = 0
        let frameInterval = 1.0 / fps
        while !shutdown.isRequested {
            Thread.sleep(forTimeInterval: frameInterval)
            frames += 1
            if frames % Int(max(1, fps * 10)) == 0 { print("anima: \(frames) frames") }
        }
        print("anima: stopping after \(frames) frames (signal \(shutdown.requested ?? 0))")
    }
}
