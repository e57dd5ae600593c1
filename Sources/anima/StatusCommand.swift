import AnimaGovernanceClient
import AnimaRuntime
import AnimaStore
import ArgumentParser
import CommandOutput
import Foundation

/// `anima status`: what the creature is doing, from the status file the run loop keeps in its data directory, with the
/// governance figures read fresh from anima.db (so they are right after `anima sync`, or while the creature is stopped).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the running creature's state: board, display, era, marks, EISV, outbox, last sync and verdict.")

    @OptionGroup var options: DataLocationOptions
    @OptionGroup var output: OutputFormatOption

    func run() throws {
        let configuration: RuntimeConfiguration
        do {
            configuration = try ConfigurationLoader.load(explicitPath: options.config, flags: options.flags)
        } catch {
            throw fail(error.description, status: FailureStatus(error))
        }
        var status: RuntimeStatus
        do {
            status = try RuntimeStatus.read(dataDirectory: configuration.dataDirectory)
        } catch {
            throw fail(error.description)
        }
        Self.refreshGovernance(&status, databasePath: configuration.dataDirectory + "/anima.db")
        status.diskFreeBytes = DiskFull.freeBytes(at: configuration.dataDirectory) ?? status.diskFreeBytes
        status.dataReadOnly = ReadOnlyFileSystem.contains(configuration.dataDirectory)
        // status.json keeps "running" after a crash or power cut: believe it only while the pid is an anima.
        if status.running && !ProcessLiveness.isAnima(pid: status.pid) { status.running = false }
        switch output.resolved {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        case .csv:
            print(OutputFormat.csv(header: ["field", "value"], rows: Self.rows(status).map { [$0.0, $0.1] }))
        case .table:
            print(Self.render(status))
        }
    }

    /// Outbox depth, counters, last sync and verdict as anima.db has them now (a read; the run loop keeps writing).
    static func refreshGovernance(_ status: inout RuntimeStatus, databasePath: String) {
        guard FileManager.default.fileExists(atPath: databasePath), let store = try? AnimaStore(path: databasePath) else { return }
        defer { store.close() }
        if let depth = try? store.outbox.depth() { status.outboxDepth = depth }
        status.outboxQuarantined = try? store.outbox.quarantinedCount()
        status.outboxDropped = try? store.outbox.droppedCount()
        status.outboxCapacity = store.outbox.capacity
        if let created = try? store.runtimeState.counter(GovernanceStateKeys.summariesCreated) { status.summariesCreated = created }
        if let sent = try? store.runtimeState.counter(GovernanceStateKeys.summariesSent) { status.summariesSent = sent }
        status.drawingsQuarantined = try? store.drawingUploads.quarantinedCount()
        if let sync = (try? store.runtimeState.value(SyncReport.self, forKey: GovernanceStateKeys.lastSync)) ?? nil {
            status.lastSync = StatusTime.format(sync.at)
            status.governanceError = sync.error
        }
        if let verdict = (try? store.runtimeState.value(AppliedVerdict.self, forKey: GovernanceStateKeys.lastVerdict)) ?? nil {
            status.lastVerdict = RuntimeStatus.Verdict(
                action: verdict.action.rawValue, margin: verdict.margin.rawValue, reason: verdict.reason,
                source: verdict.source.rawValue, at: StatusTime.format(verdict.decidedAt))
        }
    }

    static func render(_ status: RuntimeStatus) -> String {
        let rows = Self.rows(status)
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + OutputFormat.printable($0.1) }.joined(separator: "\n")
    }

    /// Free space on the data directory's file system; below 1 MiB anima cannot record, and a start waits for space.
    static func disk(_ free: UInt64?, readOnly: Bool, updatedAt: String) -> String {
        if readOnly {
            return "READ-ONLY: the file system was remounted read-only — anima cannot record, a start waits, and the "
                + "rest of this status is from \(updatedAt); see dmesg, check the card (fsck) and reboot"
        }
        guard let free else { return "unknown" }
        guard free >= DiskFull.nearlyFull else {
            return "FULL: \(DiskFull.formatted(free)) free — anima cannot record, and a start waits for space; free some"
        }
        return "\(DiskFull.formatted(free)) free"
    }

    /// The status as (field, value) rows, the order the table shows them.
    static func rows(_ status: RuntimeStatus) -> [(String, String)] {
        func number(_ value: Double) -> String { String(format: "%.3f", value) }
        let verdict = status.lastVerdict.map { "\($0.action) (\($0.margin), \($0.source)) — \($0.reason)" } ?? "none (no governance host configured)"
        let rows: [(String, String)] = [
            ("board", status.board),
            ("running", status.running ? "yes (pid \(status.pid))" : "no (last seen \(status.updatedAt))"),
            ("display", status.displayState),
            ("fps", String(format: "%.1f", status.fps)),
            ("bytes/frame", String(format: "%.0f", status.bytesPerFrame)),
            ("era", status.era),
            ("arc phase", status.arcPhase + (status.paused ? " (paused by governance)" : "")),
            ("marks", "\(status.marks) (\(status.pixels) px; \(status.drawingsCompleted) drawings completed)"),
            ("E I S V C", [status.E, status.I, status.S, status.V, status.C].map(number).joined(separator: " ")),
            ("recorder", "last commit \(status.lastRecorderCommit ?? "never"), \(status.recorderFailures) failures"),
            ("outbox", "\(status.outboxDepth) queued; \(status.summariesCreated) created, \(status.summariesSent) sent"),
            ("quarantined", "\(status.outboxQuarantined ?? 0) summaries and \(status.drawingsQuarantined ?? 0) drawings refused by the host, "
                + "kept in anima.db (anima sync --requeue-quarantined resends them)"),
            ("dropped", "\(status.outboxDropped ?? 0) oldest dropped while full (capacity \(status.outboxCapacity.map(String.init) ?? "?"); oldest go first)"),
            ("last sync", status.lastSync ?? "never"),
            ("sync error", status.governanceError ?? "none"),
            ("verdict", verdict),
            ("missing inputs", status.missingInputs.isEmpty ? "none" : status.missingInputs.joined(separator: ", ")),
            ("disk", Self.disk(status.diskFreeBytes, readOnly: status.dataReadOnly == true, updatedAt: status.updatedAt)),
            ("updated", status.updatedAt),
        ]
        return rows
    }
}
