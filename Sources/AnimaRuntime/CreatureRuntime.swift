import AnimaBoards
import AnimaDisplay
import AnimaDrawing
import AnimaFiles
import AnimaGovernanceClient
import AnimaHAL
import AnimaImage
import AnimaStore
import Foundation
import GovernanceCore
import Logging

/// What `anima run` was asked to do beyond the configuration.
public struct RunOptions: Sendable {
    public var configuration: RuntimeConfiguration
    /// Virtual clock: each draw() call advances this many seconds and the loop runs flat out.
    public var clockStep: Double?
    /// Stop after this many marks (this run).
    public var marks: Int?
    public var seed: UInt64?
    /// Write a PNG of the canvas here at exit.
    public var snapshotPath: String?
    /// With a virtual clock: at most this many draw() calls per real second (a watchable demo), instead of flat out.
    public var pace: Double?
    /// How the kernel display path reads its framebuffer's geometry (the FBIOGET ioctls; tests use a file's).
    public var framebufferGeometry: any FramebufferGeometrySource = KernelFramebufferGeometry()
    /// With a virtual clock: stop after this many seconds of simulated time (a paused creature makes no marks, so
    /// `marks` alone may never end a run).
    public var simulatedTimeLimit: Double?
    /// With a virtual clock: stop when simulated time reaches this (seconds since 1970).
    public var simulatedEnd: Double?

    public init(
        configuration: RuntimeConfiguration, clockStep: Double? = nil, marks: Int? = nil, seed: UInt64? = nil, snapshotPath: String? = nil,
        pace: Double? = nil, simulatedTimeLimit: Double? = nil, simulatedEnd: Double? = nil
    ) {
        self.configuration = configuration
        self.pace = pace
        self.simulatedTimeLimit = simulatedTimeLimit
        self.simulatedEnd = simulatedEnd
        self.clockStep = clockStep
        self.marks = marks
        self.seed = seed
        self.snapshotPath = snapshotPath
    }
}

/// The creature's main job: read the body, draw at the reference cadence (one draw() per second; one per loop
/// iteration on a virtual clock), record every 10th mark, show the canvas, persist it, report to governance, obey the
/// verdict, and shut down cleanly. One thread owns the engine and the display (spec decision 8).
public final class CreatureRuntime {
    private let options: RunOptions
    private let shutdown: ShutdownSignal
    private let logger: Logger
    private let clock: RunClock
    private let store: AnimaStore
    private let engine: DrawingEngine
    private let display: DisplayLink
    private let governance: GovernanceLink
    private let canvasStorage: CanvasStorage
    private let maintenance: StoreMaintenance
    private let body: LinuxBodyMetrics?
    private let environment: EnvironmentSensors?
    private let buttons: ButtonInput?
    private let intents: IntentHandler
    /// Toggled by the status-screen button: the panel shows the status screen instead of the canvas.
    private var showingStatus = false
    /// The status screen's repaint, on the monotonic clock.
    private var statusScreenRepaint = Cadence(every: 2)
    private let lights: MoodLightDriver?
    private let fixedAnima: AnimaState?
    private let notifier = SystemdNotifier()
    /// Held for the whole run: one creature per data directory.
    private let directoryLock: DataDirectoryLock
    private let boardName: String
    private let dataDirectory: String
    private let fps: Double

    private var anima: AnimaState
    /// The body's last reading (read once per sensing; a second read would shorten the CPU % sample window).
    private var lastReadings = BodyReadings()
    private var stateHistory = StateHistoryCadence()
    /// The store flush (`StoreFlush`), on the run clock; the canvas write it asked for waits for history to be durable.
    private var storeFlush = Cadence(every: StoreFlush.interval)
    private var canvasWriteWaiting = false
    private var flushedSinceStatus = true
    private var lastStatusHeadline: RuntimeStatus.Headline?
    private var pendingDamage = CanvasDamage()
    private var appliedAction: GovernanceAction?
    private var marksThisRun = 0
    /// Snapshots handed to the recorder by this run (to order canvas writes after history commits).
    private var snapshotsRecorded = 0
    /// Snapshots (every 10th mark) waiting for the next store flush.
    private var pendingSnapshots: [DrawingSnapshot] = []
    private var drawingsCompleted = 0
    private var displayUpdatesAtLastStatus = 0
    private var bytesAtLastStatus = 0
    /// When status was last written (monotonic), for the frame rate between writes.
    private var lastStatusAt: Double?
    /// The system clock's step last reported (see `RunClock.wallClockStep`).
    private var reportedClockStep = 0.0
    private var logBackoff = LogBackoff()
    private var measuredFPS = 0.0
    private var bytesPerFrame = 0.0

    static let lastTimeKey = "runtime.last_time"
    static let drawingsCompletedKey = "drawing.completed"

    public init(options: RunOptions, shutdown: ShutdownSignal, logger: Logger) throws(RuntimeError) {
        self.options = options
        self.shutdown = shutdown
        self.logger = logger
        let configuration = options.configuration
        dataDirectory = configuration.dataDirectory
        // Every setting is checked before anything is created: a wrong board or value leaves no anima.db behind.
        let board: BoardDefinition
        let rotation: BoardRotation?
        do {
            let catalog = BoardCatalog(
                searchPath: BoardCatalog.standardSearchPath(boardsDirectory: try configuration.existingBoardsDirectory), loader: .standard)
            board = try catalog.board(named: configuration.board)
            rotation = try configuration.rotation.flatMap(BoardRotation.init(rawValue:))
        } catch let error as RuntimeConfiguration.Invalid {
            throw .configuration(error.description)
        } catch {
            throw .board("\(error)")
        }
        let eraSelection: EraSelection
        let displayPath: DisplayPath
        do {
            displayPath = try configuration.displayPath
            fps = try configuration.fps
            fixedAnima = try configuration.animaSource
            eraSelection = try configuration.era
        } catch {
            throw .configuration(error.description)
        }
        let governanceConfiguration = try GovernanceLink.clientConfiguration(configuration)
        if displayPath == .kernel, configuration.transport == "hardware", board.bus != .simulator, !board.display.paths.contains(.kernel) {
            throw .board("\(board.listedPathsOnly), but "
                + "display_path is kernel (from \(configuration.entries["display_path"]?.source.description ?? "default")); "
                + "set display_path = \"userspace\" (or --display-path userspace) and flash with --path userspace.")
        }
        directoryLock = try Self.claim(dataDirectory: dataDirectory)

        // The clock: wall time, or a virtual one from now; either resumes after the creature's newest record, so
        // history never runs backwards (a virtual run killed with SIGKILL, a wall clock that was ahead last run).
        let runClock = options.clockStep == nil ? RunClock() : RunClock(virtualStart: Date().timeIntervalSince1970)
        clock = runClock
        store = try Self.openStore(dataDirectory: dataDirectory, clock: runClock)
        let lastTime = (try? store.runtimeState.value(Double.self, forKey: Self.lastTimeKey)) ?? nil
        if let newest = [(try? store.newestRecordTime()) ?? nil, lastTime].compactMap({ $0 }).max() { runClock.resume(after: newest) }

        // Identity: the same creature across restarts.
        do {
            let creatureID = try store.runtimeState.value(String.self, forKey: IdentityStore.creatureIDKey) ?? UUID().uuidString.lowercased()
            try store.runtimeState.set(creatureID, forKey: IdentityStore.creatureIDKey)
            let identity = try store.identity.wake(creatureID: creatureID)
            logger.info("awake: creature \(creatureID), awakening \(identity.totalAwakenings)")
            drawingsCompleted = try store.runtimeState.counter(Self.drawingsCompletedKey)
        } catch {
            if let full = DiskFull.message(for: error, directory: dataDirectory, then: DiskFull.atStart) { throw .diskFull("anima.db at \(dataDirectory)/anima.db: \(full)") }
            throw .store("anima.db at \(dataDirectory)/anima.db: \(error)")
        }

        // The board and its display.
        boardName = board.name
        var transport = configuration.transport
        if transport == "hardware", board.bus == .simulator { transport = "simulator:\(dataDirectory)/display" }
        if transport.hasPrefix("simulator:") {
            try? FileManager.default.createDirectory(atPath: String(transport.dropFirst("simulator:".count)), withIntermediateDirectories: true)
        }
        let hardware: (any BoardHardware)? = transport == "hardware" ? LinuxBoardHardware() : nil
        display = DisplayLink(
            board: board, rotation: rotation, transportSpec: transport, path: displayPath,
            kernelFramebuffer: DisplayLink.KernelFramebuffer(
                device: configuration.framebufferDevice, geometrySource: options.framebufferGeometry),
            hardware: hardware, logger: logger)
        lights = hardware.flatMap { MoodLightDriver(board: board, hardware: $0, logger: logger) }

        // The engine, resuming the saved canvas.
        let size = DisplayLink.canvasSize(board: board, rotation: rotation)
        canvasStorage = CanvasStorage(dataDirectory: dataDirectory, logger: logger)
        maintenance = StoreMaintenance(store: store, drawingsDirectory: canvasStorage.drawingsDirectory, clock: runClock, logger: logger)
        let engineConfiguration = DrawingEngineConfiguration(
            width: size.width, height: size.height, era: eraSelection.firstEra, autoRotate: eraSelection.autoRotate)
        let random = SeededRandom(seed: options.seed ?? UInt64.random(in: .min ... .max))
        if let document = canvasStorage.load(width: size.width, height: size.height, now: clock.now()) {
            engine = DrawingEngine(configuration: engineConfiguration, clock: clock, random: random, restoring: document)
            logger.info("resumed the canvas: \(engine.pixelCount) pixels, \(engine.markCount) marks, era \(engine.era.rawValue)")
            if let removed = try? store.removeHistory(aheadOf: engine.markCount), removed > 0 {
                logger.notice("history: removed \(removed) drawing_history rows past the saved canvas's \(engine.markCount) marks (marks a crash took from the canvas)")
            }
        } else {
            engine = DrawingEngine(configuration: engineConfiguration, clock: clock, random: random)
        }
        if let note = EraPinning.apply(eraSelection, to: engine) { logger.info("\(note)") }

        governance = GovernanceLink(
            configuration: governanceConfiguration, store: store, clock: clock.reading, hostStamp: clock.hostStamping, logger: logger)
        body = fixedAnima == nil ? LinuxBodyMetrics(diskPath: dataDirectory) : nil
        intents = IntentHandler(drawingsDirectory: dataDirectory + "/drawings")
        buttons = hardware == nil ? nil : ButtonLines.open(board: board, report: { logger.info("\($0)") })
        // The reference's chips sit on the header's I2C bus 1 (BrainCraft's STEMMA QT connector is on it too).
        let sensors = fixedAnima == nil ? hardware.map { hardware in
            EnvironmentSensors(
                open: { address throws(HALError) in try hardware.i2cDevice(bus: 1, address: address) }, delay: hardware.delay,
                report: { logger.info("\($0)") })
        } : nil
        environment = sensors
        var firstReadings = body?.read() ?? BodyReadings()
        if body != nil { sensors?.read(into: &firstReadings) }
        lastReadings = firstReadings
        anima = fixedAnima ?? AnimaSensing.sense(lastReadings)
        if body != nil, !lastReadings.missing.isEmpty {
            logger.info("body: no \(lastReadings.missing.joined(separator: ", ")); those inputs drop out of the anima")
        }
    }

    /// Makes the data directory if needed and takes its lock. A read-only file system is waited out; another anima
    /// holding the lock is named.
    private static func claim(dataDirectory: String) throws(RuntimeError) -> DataDirectoryLock {
        if ReadOnlyFileSystem.contains(dataDirectory) {
            throw .readOnly(ReadOnlyFileSystem.message(directory: dataDirectory) + "; " + ReadOnlyFileSystem.atStart)
        }
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw .dataDirectory(path: dataDirectory, reason: "\(error.localizedDescription)")
        }
        // Someone else's or a damaged database, or a lost one, is refused before the lock file is made: a wrong data
        // directory (the Python creature's) is left exactly as it was.
        switch DatabaseInspection.inspect(path: dataDirectory + "/anima.db") {
        case .new, .anima: break
        case let kind: throw .configuration(StoreError.refused(path: dataDirectory + "/anima.db", kind: kind).description)
        }
        if let lost = LostDatabase.evidence(dataDirectory: dataDirectory) { throw .configuration(lost) }
        do {
            return try DataDirectoryLock(directory: dataDirectory)
        } catch {
            switch error {
            case .held: throw .busy(error.description)
            case .unavailable:
                if let full = DiskFull.message(for: error, directory: dataDirectory, then: DiskFull.atStart) { throw .diskFull(full) }
                throw .dataDirectory(path: dataDirectory, reason: error.description)
            }
        }
    }

    private static func openStore(dataDirectory: String, clock: RunClock) throws(RuntimeError) -> AnimaStore {
        do {
            return try AnimaStore(path: dataDirectory + "/anima.db", clock: clock.reading, verifyIntegrity: true)
        } catch {
            // Someone else's or a damaged database: a wrong data directory, not something a restart mends (exit 78).
            if case .refused = error { throw .configuration(error.description) }
            if let full = DiskFull.message(for: error, directory: dataDirectory, then: DiskFull.atStart) { throw .diskFull(full) }
            throw .store("\(error)")
        }
    }

    /// Runs until a signal, the mark limit or the simulated-time limit; returns the exit status.
    public func run() -> Int32 {
        governance.startSending()
        maintenance.start()
        notifier.ready(status: "drawing on \(boardName)")
        display.show(canvas: engine.canvas, damage: CanvasDamage(), now: clock.elapsed())
        let frameInterval = 1.0 / fps
        // Every timer here is monotonic (clock.elapsed()); a step of the system clock moves none of them.
        var nextDrawAt = clock.elapsed()
        var watchdog = Cadence(every: 1)
        var sensing = Cadence(every: 2)
        _ = sensing.isDue(at: clock.elapsed())  // the constructor read the body just now
        var panel = Cadence(every: frameInterval)
        var lighting = Cadence(every: 0.25)
        var reporting = Cadence(every: 2)
        let simulatedEnd = clock.isVirtual ? [options.simulatedTimeLimit.map { clock.now() + $0 }, options.simulatedEnd].compactMap { $0 }.min() : nil
        let stopReason: RunStopReason

        while true {
            if let signal = shutdown.requested {
                stopReason = .signal(signal)
                break
            }
            let now = clock.elapsed()
            if sensing.isDue(at: now) {
                if body != nil {
                    lastReadings = readBody()
                    anima = AnimaSensing.sense(lastReadings)
                }
                stateHistory.sample(anima, readings: body == nil ? nil : lastReadings, now: clock.now())
                reportClockStep()
            }
            if lighting.isDue(at: now) { lights?.show(anima, time: now) }
            for intent in buttons?.poll() ?? [] {
                let wasShowingStatus = showingStatus
                logger.info("\(intents.handle(intent, engine: engine, showingStatus: &showingStatus))")
                if showingStatus != wasShowingStatus {
                    display.requestFullRepaint()
                    panel.reset()
                }
            }
            let drawNow = options.clockStep != nil || now >= nextDrawAt
            if drawNow {
                if let step = options.clockStep {
                    clock.advance(by: step)
                } else {
                    nextDrawAt = max(nextDrawAt + 1, now - 1)
                }
                drawOnce()
                if let limit = options.marks, marksThisRun >= limit {
                    stopReason = .marks(limit)
                    break
                }
                if let simulatedEnd, clock.now() >= simulatedEnd {
                    stopReason = .simulatedTime(simulatedEnd)
                    break
                }
            }
            if storeFlush.isDue(at: clock.now()) { flushStore() }
            if canvasWriteWaiting {
                // Snapshots taken since the flush go first: the canvas must never be ahead of its history.
                recordPendingSnapshots()
                if historyIsDurable { persistCanvas() }
            }
            if panel.isDue(at: now) { showPending(now: now) }
            if watchdog.isDue(at: now) { notifier.watchdog() }
            if reporting.isDue(at: now) { writeStatus(running: true, now: now, onlyIfChanged: !flushedSinceStatus) }
            if options.clockStep == nil {
                let sleepFor = min(nextDrawAt, panel.nextDue(after: now)) - clock.elapsed()
                if sleepFor > 0 { Thread.sleep(forTimeInterval: min(sleepFor, frameInterval)) }
            } else if let pace = options.pace {
                Thread.sleep(forTimeInterval: 1 / pace)
            }
        }
        return stop(reason: stopReason)
    }

    /// One draw() call and everything that follows from it.
    private func drawOnce() {
        applyVerdict()
        let (outcome, autonomy) = engine.frame(anima: anima)
        if outcome.kind == .marked { marksThisRun += 1 }
        pendingDamage.append(outcome.damage)
        if let snapshot = outcome.snapshot {
            pendingSnapshots.append(snapshot)
        }
        var completed = false
        switch autonomy {
        case let .completed(drawing)?:
            completed = true
            drawingsCompleted += 1
            try? store.runtimeState.increment(Self.drawingsCompletedKey)
            do {
                let (path, png) = try canvasStorage.saveDrawing(drawing)
                governance.queueUpload(drawing, png: png, finishedAt: clock.hostStamp())
                logger.info("finished a drawing: \(path) (era \(drawing.era.rawValue), \(drawing.marks) marks, \(drawing.pixels) px, \(drawing.path.rawValue)); next era \(engine.era.rawValue)")
            } catch {
                logRepeated("drawing", .error, "could not save the finished drawing: \(DiskFull.describe(error, directory: dataDirectory))")
            }
            display.requestFullRepaint()
            recordPendingSnapshots()
            persistCanvas(whole: true)
        case let .abandoned(marks, pixels)?:
            logger.info("abandoned a false start (\(marks) marks, \(pixels) px)")
            display.requestFullRepaint()
            recordPendingSnapshots()
            persistCanvas(whole: true)
        case .nothing?, nil:
            break
        }
        // A clear, a save or an era change asks for the canvas at once; marks wait for the next store flush.
        if engine.canvasWriteRequested {
            recordPendingSnapshots()
            if historyIsDurable { persistCanvas(whole: true) }
        }
        do {
            try governance.tick(anima: anima, drawing: drawingReport(), identity: identityReport(), force: completed)
        } catch {
            logRepeated("summary", .error, "governance: could not queue a summary: \(DiskFull.describe(error, directory: dataDirectory))")
        }
    }

    /// Says once per step that someone set the system clock, and once when the run clock has caught up (see
    /// `RunClock`: it slews instead of jumping).
    private func reportClockStep() {
        let step = clock.wallClockStep()
        if abs(step) < 1 {
            if reportedClockStep != 0 { logger.notice("the run clock has caught up with the system clock") }
            reportedClockStep = 0
            return
        }
        guard abs(step - reportedClockStep) >= 2 else { return }
        let catchUp = step > 0 ? step / (RunClock.fastRate - 1) : -step / (1 - RunClock.slowRate)
        logger.warning(
            "the system clock is \(Int(step.rounded())) s from the run clock (it was stepped, or was wrong when the creature last ran); the run clock slews to it over about \(Int(catchUp.rounded())) s, so timestamps never jump or run backwards; the governance host is sent times no later than the system clock")
        reportedClockStep = step
    }

    /// The system metrics and the sensor chips, one reading.
    private func readBody() -> BodyReadings {
        guard let body else { return BodyReadings() }
        var readings = body.read()
        environment?.read(into: &readings)
        return readings
    }

    /// One store flush (`StoreFlush`): the state_history rows sampled since the last, the identity's heartbeat, and
    /// a canvas write if the engine has one due — all within a moment, so the card sees one write burst.
    private func flushStore() {
        recordPendingSnapshots()
        do {
            try stateHistory.flush(into: store.identity)
            logBackoff.clear("state_history")
        } catch {
            logRepeated("state_history", .warning, "state_history: \(DiskFull.describe(error, directory: dataDirectory))")
        }
        _ = try? store.identity.heartbeat(minIntervalSeconds: 0)
        if engine.canvasPersistenceDue { canvasWriteWaiting = true }
        flushedSinceStatus = true
    }

    private func applyVerdict() {
        guard let verdict = governance.currentVerdict, verdict.action != appliedAction else { return }
        appliedAction = verdict.action
        engine.applyGovernance(action: verdict.action.rawValue)
        logger.info("governance: \(verdict.action.rawValue) (\(verdict.margin.rawValue), \(verdict.source.rawValue)): \(verdict.reason)")
    }

    private func showPending(now: Double) {
        if showingStatus {
            // The status screen is repainted whole at most every 2 s; the canvas's damage waits (a full repaint
            // follows when the canvas comes back).
            guard statusScreenRepaint.isDue(at: now) else { return }
            display.requestFullRepaint()
            display.show(canvas: StatusScreen.render(statusScreenContent(), width: engine.canvas.width, height: engine.canvas.height),
                         damage: CanvasDamage(), now: now)
            return
        }
        statusScreenRepaint.reset()
        display.show(canvas: engine.canvas, damage: pendingDamage, now: now)
        pendingDamage = CanvasDamage()
    }

    private func statusScreenContent() -> StatusScreenContent {
        let state = engine.state
        let verdict = governance.currentVerdict.map { "\($0.action.rawValue) (\($0.source.rawValue))" } ?? "none"
        let name = store.identity.identity?.name ?? "unnamed"
        return StatusScreenContent(
            name: name, era: engine.era.rawValue, E: state.E, I: state.I, S: state.S, V: state.V, verdict: verdict,
            outboxDepth: (try? store.outbox.depth()) ?? -1)
    }

    private func recordPendingSnapshots() {
        for snapshot in pendingSnapshots { store.drawingRecorder.record(snapshot) }
        snapshotsRecorded += pendingSnapshots.count
        pendingSnapshots.removeAll()
    }

    /// True when every snapshot this run recorded has left the recorder's queue (committed, or counted as lost). The
    /// routine canvas write waits for it, so after a power cut the canvas is never ahead of drawing_history and a
    /// resumed drawing continues the history without a hole. It never blocks: the write just happens a frame later.
    private var historyIsDurable: Bool {
        let status = store.drawingRecorder.status
        return pendingSnapshots.isEmpty && status.committed + status.failures + status.dropped >= snapshotsRecorded
    }

    private func persistCanvas(whole: Bool = false) {
        canvasWriteWaiting = false
        do {
            try canvasStorage.save(engine.canvasDocument(), now: clock.now(), whole: whole)
            engine.canvasPersisted()
            try? store.runtimeState.set(clock.now(), forKey: AnimaStore.canvasPersistedKey)
            logBackoff.clear("canvas")
        } catch {
            logRepeated("canvas", .error, "could not persist the canvas: \(DiskFull.describe(error, directory: dataDirectory))")
        }
    }

    /// A failure that repeats while something stays broken (a full disk): logged at once, then at most once a minute
    /// with the count held back (a full disk used to write thousands of lines in seconds). Drawing goes on regardless.
    private func logRepeated(_ key: String, _ level: Logger.Level, _ message: String) {
        guard let held = logBackoff.admit(key, at: clock.elapsed()) else { return }
        logger.log(level: level, "\(message)\(held > 0 ? " (\(held) more like this since the last report)" : "")")
    }

    private func drawingReport() -> DrawingReport {
        let state = engine.state
        return DrawingReport(
            era: engine.era.rawValue, arcPhase: state.arcPhase.rawValue, marks: engine.markCount, pixels: engine.pixelCount,
            E: state.E, I: state.I, S: state.S, V: state.V, C: engine.behaviouralC, curiosity: state.curiosity,
            engagement: state.engagement, fatigue: state.fatigue, drawingsCompleted: drawingsCompleted)
    }

    private func identityReport() -> IdentityReport {
        let identity = store.identity.identity
        return IdentityReport(
            awakenings: identity?.totalAwakenings ?? 0,
            aliveSeconds: (identity?.totalAliveSeconds ?? 0) + store.identity.sessionAliveSeconds())
    }

    /// Shutdown: last frame to the panel, history flushed, canvas persisted, sleep recorded, outbox flushed (bounded).
    private func stop(reason: RunStopReason) -> Int32 {
        notifier.stopping()
        logger.info("stopping: \(reason); \(marksThisRun) marks this run; run clock at \(StatusTime.format(clock.now()))")
        let now = clock.elapsed()
        if showingStatus {
            // The panel keeps the canvas, not the status screen, while the creature sleeps.
            showingStatus = false
            display.requestFullRepaint()
        }
        showPending(now: now)
        if let snapshotPath = options.snapshotPath {
            do {
                try AtomicFile.write(PNGEncoder.encode(display.framebufferImage() ?? engine.image()), to: snapshotPath)
            } catch {
                logger.error("--snapshot: \(error)")
            }
        }
        display.shutdown()
        lights?.turnOff()
        maintenance.stop()
        recordPendingSnapshots()
        persistCanvas(whole: true)
        do { try stateHistory.flush(into: store.identity) } catch { logger.error("could not record the last state_history rows: \(error)") }
        store.close()
        do { _ = try store.identity.sleep() } catch { logger.error("could not record sleep: \(error)") }
        try? store.runtimeState.set(clock.now(), forKey: Self.lastTimeKey)
        governance.stop(flushTimeout: 3)
        writeStatus(running: false, now: now)
        do { try store.markClosedCleanly() } catch { logger.warning("could not mark anima.db closed cleanly (the next start checks it): \(error)") }
        return 0
    }

    /// `now` is monotonic (`clock.elapsed()`); the file's `updated_at` is the wall time. With `onlyIfChanged`, the file
    /// is rewritten only when its headline (running, display, era, pause, verdict) changed: between store flushes a
    /// running creature's marks and EISV wait for the next flush rather than costing the card a write every 2 s.
    private func writeStatus(running: Bool, now: Double, onlyIfChanged: Bool = false) {
        if let lastStatusAt {
            let elapsed = max(0.001, now - lastStatusAt)
            let frames = display.updates - displayUpdatesAtLastStatus
            measuredFPS = Double(frames) / elapsed
            bytesPerFrame = frames > 0 ? Double(display.bytesSent - bytesAtLastStatus) / Double(frames) : 0
        }
        displayUpdatesAtLastStatus = display.updates
        bytesAtLastStatus = display.bytesSent
        lastStatusAt = now

        let state = engine.state
        let recorder = store.drawingRecorder.status
        let verdict = governance.currentVerdict
        let lastSync = (try? store.runtimeState.value(SyncReport.self, forKey: GovernanceStateKeys.lastSync)) ?? nil
        let status = RuntimeStatus(
            board: boardName, pid: getpid(), updatedAt: StatusTime.format(Date().timeIntervalSince1970), running: running,
            displayState: display.state, fps: measuredFPS, bytesPerFrame: bytesPerFrame, era: engine.era.rawValue,
            arcPhase: state.arcPhase.rawValue, marks: engine.markCount, pixels: engine.pixelCount,
            drawingsCompleted: drawingsCompleted, E: state.E, I: state.I, S: state.S, V: state.V, C: engine.behaviouralC,
            paused: engine.governancePaused, lastRecorderCommit: recorder.lastCommitAt.map(StatusTime.format),
            recorderFailures: recorder.failures, outboxDepth: (try? store.outbox.depth()) ?? -1,
            summariesCreated: (try? store.runtimeState.counter(GovernanceStateKeys.summariesCreated)) ?? 0,
            summariesSent: (try? store.runtimeState.counter(GovernanceStateKeys.summariesSent)) ?? 0,
            lastSync: lastSync.map { StatusTime.format($0.at) },
            lastVerdict: verdict.map {
                RuntimeStatus.Verdict(
                    action: $0.action.rawValue, margin: $0.margin.rawValue, reason: $0.reason,
                    source: $0.source.rawValue, at: StatusTime.format($0.decidedAt))
            },
            missingInputs: fixedAnima == nil ? lastReadings.missing : [],
            diskFreeBytes: DiskFull.freeBytes(at: dataDirectory), governanceError: lastSync?.error)
        if onlyIfChanged, status.headline == lastStatusHeadline { return }
        lastStatusHeadline = status.headline
        flushedSinceStatus = false
        do {
            try status.write(dataDirectory: dataDirectory)
            logBackoff.clear("status")
        } catch {
            logRepeated("status", .warning, "status file: \(DiskFull.describe(error, directory: dataDirectory))")
        }
        notifier.status("\(engine.era.rawValue), \(state.arcPhase.rawValue), \(engine.markCount) marks, display \(display.state)")
    }
}
