import AnimaFiles
import AnimaGovernanceClient
import Foundation

/// What `anima status` shows: written by the run loop to `<data dir>/status.json` (atomically but without fsync — it is
/// derived state — every 2 s and at exit), read by any other process. Field names are the JSON keys `anima status --json` prints.
public struct RuntimeStatus: Codable, Sendable, Equatable {
    public struct Verdict: Codable, Sendable, Equatable {
        public var action: String
        public var margin: String
        /// At most `HostText.maxLength` characters (the host's text).
        public var reason: String
        /// "host" (from the governance host) or "local" (the fallback while the host is unreachable).
        public var source: String
        public var at: String?

        public init(action: String, margin: String, reason: String, source: String, at: String?) {
            self.action = action
            self.margin = margin
            self.reason = HostText.capped(reason)
            self.source = source
            self.at = at
        }
    }

    public var board: String
    public var pid: Int32
    public var updatedAt: String
    public var running: Bool
    public var displayState: String
    public var fps: Double
    public var bytesPerFrame: Double
    public var era: String
    public var arcPhase: String
    public var marks: Int
    public var pixels: Int
    public var drawingsCompleted: Int
    public var E: Double
    public var I: Double
    public var S: Double
    public var V: Double
    public var C: Double
    public var paused: Bool
    public var lastRecorderCommit: String?
    public var recorderFailures: Int
    public var outboxDepth: Int
    public var summariesCreated: Int
    public var summariesSent: Int
    /// Summaries the host refused on their own, kept aside in anima.db (`anima status` reads it fresh).
    public var outboxQuarantined: Int?
    /// Summaries dropped (oldest first) because the outbox was full, and the outbox's capacity.
    public var outboxDropped: Int?
    public var outboxCapacity: Int?
    public var lastSync: String?
    public var lastVerdict: Verdict?
    public var missingInputs: [String]
    /// What the data directory's file system has left for anima (statvfs f_bavail × f_frsize); `anima status` reads it
    /// fresh, so a creature waiting on a full disk (which cannot write this file) is shown as such.
    public var diskFreeBytes: UInt64? = nil
    /// The data directory's file system is mounted read-only (an SD card after I/O errors); read fresh by `anima
    /// status`, since this file cannot be rewritten then and would still say "running, 0 failures".
    public var dataReadOnly: Bool? = nil
    /// The error of the last sync that talked to the host (or tried to), nil once one succeeds: a wrong
    /// governance.url, a proxy's page, a refused token, a clock ahead. Never the token; the URL without userinfo.
    public var governanceError: String? = nil
    /// Finished drawings the host refused by name (or unreadable rows), kept in anima.db's drawing_uploads_quarantine.
    public var drawingsQuarantined: Int? = nil

    enum CodingKeys: String, CodingKey {
        case board, pid, running, fps, era, marks, pixels, paused, E, I, S, V, C
        case updatedAt = "updated_at"
        case displayState = "display_state"
        case bytesPerFrame = "bytes_per_frame"
        case arcPhase = "arc_phase"
        case drawingsCompleted = "drawings_completed"
        case lastRecorderCommit = "last_recorder_commit"
        case recorderFailures = "recorder_failures"
        case outboxDepth = "outbox_depth"
        case summariesCreated = "summaries_created"
        case summariesSent = "summaries_sent"
        case outboxQuarantined = "outbox_quarantined"
        case outboxDropped = "outbox_dropped"
        case outboxCapacity = "outbox_capacity"
        case lastSync = "last_sync"
        case lastVerdict = "last_verdict"
        case missingInputs = "missing_inputs"
        case diskFreeBytes = "disk_free_bytes"
        case dataReadOnly = "data_read_only"
        case governanceError = "governance_error"
        case drawingsQuarantined = "drawings_quarantined"
    }

    /// Every key is written, absent values as null, so readers can rely on the documented set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(board, forKey: .board)
        try container.encode(pid, forKey: .pid)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(running, forKey: .running)
        try container.encode(displayState, forKey: .displayState)
        try container.encode(fps, forKey: .fps)
        try container.encode(bytesPerFrame, forKey: .bytesPerFrame)
        try container.encode(era, forKey: .era)
        try container.encode(arcPhase, forKey: .arcPhase)
        try container.encode(marks, forKey: .marks)
        try container.encode(pixels, forKey: .pixels)
        try container.encode(drawingsCompleted, forKey: .drawingsCompleted)
        try container.encode(E, forKey: .E)
        try container.encode(I, forKey: .I)
        try container.encode(S, forKey: .S)
        try container.encode(V, forKey: .V)
        try container.encode(C, forKey: .C)
        try container.encode(paused, forKey: .paused)
        try container.encode(lastRecorderCommit, forKey: .lastRecorderCommit)
        try container.encode(recorderFailures, forKey: .recorderFailures)
        try container.encode(outboxDepth, forKey: .outboxDepth)
        try container.encode(summariesCreated, forKey: .summariesCreated)
        try container.encode(summariesSent, forKey: .summariesSent)
        try container.encode(outboxQuarantined, forKey: .outboxQuarantined)
        try container.encode(outboxDropped, forKey: .outboxDropped)
        try container.encode(outboxCapacity, forKey: .outboxCapacity)
        try container.encode(lastSync, forKey: .lastSync)
        try container.encode(lastVerdict, forKey: .lastVerdict)
        try container.encode(missingInputs, forKey: .missingInputs)
        try container.encode(diskFreeBytes, forKey: .diskFreeBytes)
        try container.encode(dataReadOnly, forKey: .dataReadOnly)
        try container.encode(governanceError, forKey: .governanceError)
        try container.encode(drawingsQuarantined, forKey: .drawingsQuarantined)
    }

    /// What makes a status worth rewriting at once: the creature started or stopped, its display, era or pause
    /// changed, or a new verdict came. The rest (marks, EISV, counters) waits for the next store flush.
    struct Headline: Equatable {
        let running: Bool
        let displayState: String
        let era: String
        let paused: Bool
        let verdict: String?
    }

    var headline: Headline {
        Headline(running: running, displayState: displayState, era: era, paused: paused, verdict: lastVerdict.map { "\($0.action) \($0.at)" })
    }

    public static func path(dataDirectory: String) -> String { dataDirectory + "/status.json" }

    /// Derived state, rewritten at each store flush and when its headline changes: atomic for readers, never fsynced
    /// (an fsync each time was ≈0.6 GB/day of SD card writes at idle; after a power cut the next run rewrites it).
    static let fileDurability = AtomicFile.Durability.readersOnly

    public func write(dataDirectory: String) throws(AtomicFile.WriteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        try AtomicFile.write(Array(data), to: Self.path(dataDirectory: dataDirectory), durability: Self.fileDurability)
    }

    public struct ReadError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot read \(path): \(reason)" }
    }

    public static func read(dataDirectory: String) throws(ReadError) -> RuntimeStatus {
        let path = path(dataDirectory: dataDirectory)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, reason: "no status yet — has `anima run --data-dir \(dataDirectory)` started?")
        }
        do {
            return try JSONDecoder().decode(RuntimeStatus.self, from: data)
        } catch {
            throw ReadError(path: path, reason: "not a status file (\(error))")
        }
    }
}

/// UTC ISO-8601 with `Z`, for status output.
public enum StatusTime {
    public static func format(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
