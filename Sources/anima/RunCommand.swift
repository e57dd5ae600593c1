import AnimaRuntime
import ArgumentParser
import Foundation
import Logging
import ServiceLog

/// `anima run`: the creature's main job, until SIGINT/SIGTERM (or `--marks N`).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the creature: draw on the board's display, record history, report to governance.",
        discussion: """
            Values come from /etc/anima/anima.toml (or --config), then ANIMA_* variables, then these flags; \
            `anima config show` prints where each came from. SIGINT, SIGTERM and SIGHUP stop drawing, flush history, \
            persist the canvas, try the outbox for at most 3 s and exit 0 (SIGHUP does not reload: restart to apply \
            new settings). Under systemd (Type=notify) it sends READY, WATCHDOG and STATUS.
            """)

    @OptionGroup var options: RuntimeOptions

    @Option(help: "Write a PNG of the panel's picture here at exit.")
    var snapshot: String?

    @Option(help: "Stop after this many marks.")
    var marks: Int?

    @Option(help: "Seed for the drawing's randomness (default: random).")
    var seed: UInt64?

    @Option(help: "Virtual clock: advance this many seconds per draw() call and run as fast as possible (tests, demos).")
    var clockStep: Double?

    @Option(help: "With --clock-step: at most this many draw() calls per real second, so a drawing forms watchably (make demo).")
    var pace: Double?

    func validate() throws {
        if let marks, marks < 1 { throw ValidationError("--marks must be at least 1, got \(marks)") }
        if let clockStep, !(clockStep > 0 && clockStep <= 86_400) {
            throw ValidationError("--clock-step must be in (0, 86400] seconds, got \(clockStep)")
        }
        if let pace {
            guard clockStep != nil else { throw ValidationError("--pace needs --clock-step (the real cadence is one draw() per second)") }
            guard pace > 0, pace <= 10_000 else { throw ValidationError("--pace must be in (0, 10000] draw() calls per second, got \(pace)") }
        }
    }

    func run() throws {
        ServiceLog.bootstrap(level: ProcessInfo.processInfo.environment["ANIMA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info)
        let logger = Logger(label: "anima")
        let shutdown = ShutdownSignal()
        let status: Int32
        do {
            let configuration = try ConfigurationLoader.load(explicitPath: options.config, flags: options.flags)
            let runtime = try CreatureRuntime(
                options: RunOptions(configuration: configuration, clockStep: clockStep, marks: marks, seed: seed, snapshotPath: snapshot, pace: pace),
                shutdown: shutdown, logger: logger)
            status = runtime.run()
        } catch let error as ConfigurationLoader.LoadError {
            throw fail(error.description, status: FailureStatus(error))
        } catch let error as RuntimeError {
            throw fail(error.description, status: error.isConfiguration ? .configuration : .failure)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
