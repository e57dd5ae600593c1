import AnimaRuntime
import ArgumentParser
import Foundation
import Logging
import ServiceLog

/// `anima run`: the creature's main job, until SIGINT/SIGTERM/SIGHUP (or `--marks N`, or with a virtual clock
/// `--max-sim-time`/`--until`).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the creature: draw on the board's display, record history, report to governance.",
        discussion: """
            Values come from /etc/anima/anima.toml (or --config), then ANIMA_* variables, then these flags; \
            `anima config show` prints where each came from. SIGINT, SIGTERM and SIGHUP stop drawing, flush history, \
            persist the canvas, try the outbox for at most 3 s and exit 0 (SIGHUP does not reload: restart to apply \
            new settings). Under systemd (Type=notify) it sends READY, WATCHDOG and STATUS. One creature per data \
            directory: a second `anima run` on it exits 75, naming the first one's pid. On a full disk or a read-only \
            file system the start waits and retries. Exit status: 0 after a stop, 64 for a bad flag, 75 while another \
            anima holds the data directory, 78 for a bad configuration or a database anima will not open.
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

    @Option(help: ArgumentHelp(
        "With --clock-step: stop after this much simulated time: 90s, 45m, 12h or 30d.",
        discussion: "A creature paused by governance makes no marks, so --marks alone may never end a virtual run.",
        valueName: "duration"))
    var maxSimTime: SimulatedDuration?

    @Option(help: ArgumentHelp(
        "With --clock-step: stop when the virtual clock reaches this UTC time, e.g. 2026-06-01T00:00:00Z or 2026-06-01.",
        discussion: "A virtual run starts now, or just after the creature's newest record if that is later.",
        valueName: "ISO date"))
    var until: String?

    /// `--until` as seconds since 1970.
    private var untilTime: Double? {
        get throws {
            guard let until else { return nil }
            let formatter = ISO8601DateFormatter()
            if let date = formatter.date(from: until) { return date.timeIntervalSince1970 }
            formatter.formatOptions = [.withFullDate]
            if let date = formatter.date(from: until) { return date.timeIntervalSince1970 }
            throw ValidationError("--until must be an ISO 8601 UTC time such as 2026-06-01T00:00:00Z or a date such as 2026-06-01, got '\(until)'")
        }
    }

    func validate() throws {
        if let marks, marks < 1 { throw ValidationError("--marks must be at least 1, got \(marks)") }
        if let clockStep, !(clockStep > 0 && clockStep <= 86_400) {
            throw ValidationError("--clock-step must be in (0, 86400] seconds, got \(clockStep)")
        }
        if clockStep == nil, maxSimTime != nil || until != nil {
            throw ValidationError("--max-sim-time and --until bound simulated time and need --clock-step (stop a real run with a signal)")
        }
        _ = try untilTime
        if let pace {
            guard clockStep != nil else { throw ValidationError("--pace needs --clock-step (the real cadence is one draw() per second)") }
            // Below 1 the loop would sleep past the watchdog's second and a SIGTERM's 3 s flush (1e-9: 31 years).
            guard pace >= 1, pace <= 10_000 else { throw ValidationError("--pace must be in [1, 10000] draw() calls per second, got \(pace)") }
        }
    }

    func run() throws {
        ServiceLog.bootstrap(level: ProcessInfo.processInfo.environment["ANIMA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info)
        let logger = Logger(label: "anima")
        let shutdown = ShutdownSignal()
        let status: Int32
        do {
            let configuration = try ConfigurationLoader.load(explicitPath: options.config, flags: options.flags)
            do {
                _ = try configuration.existingBoardsDirectory
            } catch {
                if case .flag = error.source { throw fail(error.description, status: .usage) }
                throw fail(error.description, status: .configuration)
            }
            let runOptions = RunOptions(
                configuration: configuration, clockStep: clockStep, marks: marks, seed: seed, snapshotPath: snapshot, pace: pace,
                simulatedTimeLimit: maxSimTime?.seconds, simulatedEnd: try untilTime)
            // On a full disk or a read-only card the start waits instead of exiting into a restart loop.
            guard let runtime = try WaitingStart().start(shutdown: shutdown, notifier: SystemdNotifier(), logger: logger, { () throws(RuntimeError) in
                try CreatureRuntime(options: runOptions, shutdown: shutdown, logger: logger)
            }) else { return }
            status = runtime.run()
        } catch let error as ConfigurationLoader.LoadError {
            throw fail(error.description, status: FailureStatus(error))
        } catch let error as RuntimeError {
            if case .busy = error { throw fail(error.description, status: .temporary) }
            throw fail(error.description, status: error.isConfiguration ? .configuration : .failure)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
