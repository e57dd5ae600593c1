import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// `anima adopt`: a creature written the way the Python anima-mcp writes it (Tests/Fixtures/reference-creature.py)
/// comes over whole — identity, events, state_history, every drawing_history column, canvas.json, drawings — with its
/// local timestamps in UTC, the source left byte for byte as it was, and a second adopt adding nothing.
@Suite struct CreatureAdoptionTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference-creature.py").path
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    let source: String
    let target: String

    init() throws {
        let directory = try makeTemporaryDirectory("anima-adopt")
        source = directory.appendingPathComponent("dot-anima").path
        target = directory.appendingPathComponent("var-lib-anima").path
    }

    struct Written: Decodable {
        var creature_id: String
        var name: String
        var name_history: [[String: String]]
        var born_at_local: String
        var awakenings: Int
        var alive_seconds: Double
        var counts: [String: Int]
        var drawing: String
    }

    /// Runs the fixture with the Pi's zone set to Berlin, as the Python creature would have lived there.
    func makeReferenceCreature() throws -> Written {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.fixture, source]
        process.environment = ["TZ": "Europe/Berlin", "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let succeeded = process.terminationStatus == 0  // a plain Bool: Swift 6.2's #require misreads a comparison
        try #require(succeeded)
        return try JSONDecoder().decode(Written.self, from: data)
    }

    func adopt() throws -> AdoptionReport {
        try CreatureAdoption.adopt(from: source, into: target, time: ReferenceLocalTime(timeZone: Self.berlin))
    }

    /// Every file under `directory` with its bytes, so "unchanged" covers -wal/-shm appearing too.
    static func files(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: directory + "/" + name) { result[name] = data }
        }
        return result
    }

    /// An independent reading of the fixture's local time (Foundation's formatter in the Berlin zone).
    static func utc(_ local: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = berlin
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        // The formatter keeps milliseconds only: the whole seconds come from it, the microseconds from the text.
        let parts = local.split(separator: ".")
        let whole = formatter.date(from: String(parts[0]))!.timeIntervalSince1970
        let fraction = parts.count > 1 ? String(parts[1]).padding(toLength: 6, withPad: "0", startingAt: 0) : "000000"
        return String(StoreTimestamp.format(whole).prefix(20)) + fraction + "Z"
    }

    func tableRows(_ table: String) throws -> [[String: String]] {
        let queue = try DatabaseQueue(path: target + "/anima.db")
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(table == "identity" ? "rowid" : "timestamp, id")").map { row in
                var values: [String: String] = [:]
                for column in row.columnNames where column != "id" { values[column] = String(describing: row[column] as DatabaseValue) }
                return values
            }
        }
    }

    @Test func adoptsTheWholeCreatureAndLeavesTheSourceUnchanged() throws {
        let written = try makeReferenceCreature()
        let before = Self.files(source)
        let report = try adopt()
        #expect(Self.files(source) == before, "the source directory must stay byte for byte as it was")

        #expect(report.creatureID == written.creature_id && report.name == written.name && !report.alreadyAdopted)
        #expect(report.bornAt == Self.utc(written.born_at_local))
        #expect(report.awakenings == written.awakenings && report.aliveSeconds == written.alive_seconds)
        #expect(report.events == written.counts["events"] && report.stateHistory == written.counts["state_history"])
        #expect(report.drawingHistory == written.counts["drawing_history"])
        #expect(report.notImported == ["system_metrics": written.counts["system_metrics"] ?? -1])
        #expect(report.skippedRows.isEmpty && report.canvas == .copied && report.drawingsCopied == 1)

        let store = try AnimaStore(path: target + "/anima.db")
        defer { store.close() }
        let identity = try #require(try store.identity.stored())
        #expect(identity.creatureID == written.creature_id && identity.name == written.name)
        #expect(StoreTimestamp.format(identity.bornAt) == Self.utc(written.born_at_local))
        #expect(identity.totalAwakenings == written.awakenings && identity.totalAliveSeconds == written.alive_seconds)
        #expect(identity.nameHistory == written.name_history.map { NameHistoryEntry(name: $0["name"]!, until: Self.utc($0["until"]!)) })
        #expect(try store.runtimeState.value(String.self, forKey: IdentityStore.creatureIDKey) == written.creature_id)

        // Every drawing_history column of the seed schema, value for value, with the time in UTC.
        let sourceQueue = try DatabaseQueue(path: source + "/anima.db", configuration: { var c = Configuration(); c.readonly = true; return c }())
        let firstSource = try sourceQueue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM drawing_history ORDER BY id LIMIT 1")! }
        try sourceQueue.close()
        let firstTarget = try #require(try tableRows("drawing_history").first)
        for column in AnimaSchema.drawingHistoryColumns where column != "id" && column != "timestamp" {
            #expect(firstTarget[column] == String(describing: firstSource[column] as DatabaseValue), "column \(column)")
        }
        #expect(firstTarget["timestamp"] == "\"\(Self.utc(firstSource["timestamp"]))\"")
        // Times sort as times: the UTC text keeps the source's order.
        let stamps = try tableRows("state_history").compactMap { $0["timestamp"] }
        #expect(stamps == stamps.sorted() && stamps.count == written.counts["state_history"])

        #expect(FileManager.default.contents(atPath: target + "/canvas.json") == before["canvas.json"])
        #expect(FileManager.default.contents(atPath: target + "/drawings/" + written.drawing) == before["drawings/" + written.drawing])
    }

    @Test func aSecondAdoptChangesNothingAndALaterOneBringsOnlyWhatIsNew() throws {
        _ = try makeReferenceCreature()
        _ = try adopt()
        let tables = ["identity", "events", "state_history", "drawing_history"]
        let first = try tables.map(tableRows)
        let again = try adopt()
        #expect(again.changedNothing && again.alreadyAdopted, "\(again)")
        #expect(again.events == 0 && again.stateHistory == 0 && again.drawingHistory == 0 && again.drawingsAlreadyPresent == 1)
        #expect(try tables.map(tableRows) == first)

        // The Python creature lived on for one more state row before the switch: only that row comes over.
        let queue = try DatabaseQueue(path: source + "/anima.db")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors) VALUES ('2026-07-01T12:00:00.5', 0.1, 0.2, 0.3, 0.4, '{}')")
        }
        try queue.close()
        let later = try adopt()
        #expect(later.stateHistory == 1 && later.events == 0 && later.drawingHistory == 0)
        #expect(try tableRows("state_history").contains { $0["timestamp"] == "\"2026-07-01T10:00:00.500000Z\"" })
    }

    @Test func anotherCreatureInTheTargetIsRefusedAndKept() throws {
        _ = try makeReferenceCreature()
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let store = try AnimaStore(path: target + "/anima.db")
        try store.runtimeState.set("0f0f0f0f-0000-4000-8000-000000000000", forKey: IdentityStore.creatureIDKey)
        try store.identity.wake(creatureID: "0f0f0f0f-0000-4000-8000-000000000000")
        store.close()
        let before = try ["identity", "events", "state_history"].map(tableRows)
        #expect {
            try adopt()
        } throws: { error in
            guard case let .differentCreature(_, existing, source)? = error as? AdoptionError else { return false }
            return existing == "0f0f0f0f-0000-4000-8000-000000000000" && source == "49e14444-b59e-48f1-83b8-b36a988c9975"
        }
        #expect(try ["identity", "events", "state_history"].map(tableRows) == before)
        #expect(!FileManager.default.fileExists(atPath: target + "/canvas.json"), "nothing is copied when the adoption is refused")
    }

    @Test func sourcesThatAreNotAPythonCreatureAreRefused() throws {
        #expect { try adopt() } throws: { error in
            guard case .noSourceDatabase? = error as? AdoptionError else { return false }
            return true
        }
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        AnimaStore.closeAfterOpening(path: source + "/anima.db")
        #expect { try adopt() } throws: { error in
            guard case .notReference(_, .anima)? = error as? AdoptionError else { return false }
            return true
        }
        #expect { try CreatureAdoption.adopt(from: source, into: source + "/") } throws: { error in
            guard case .sameDirectory? = error as? AdoptionError else { return false }
            return true
        }
    }

    @Test func rowsWithUnreadableTimesAreLeftBehindAndNamed() throws {
        _ = try makeReferenceCreature()
        let queue = try DatabaseQueue(path: source + "/anima.db")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO events (timestamp, event_type) VALUES ('yesterday-ish', 'wake')")
            try db.execute(sql: "INSERT INTO drawing_history (timestamp, E, I, S, V, C, marks) VALUES ('2026-01-01T00:00:00', 0.5, 0.5, 0.5, 0.5, 0.5, 10)")
        }
        try queue.close()
        let report = try adopt()
        #expect(report.skippedRows.count == 1)
        #expect(report.skippedRows.first?.contains("events id") == true && report.skippedRows.first?.contains("'yesterday-ish'") == true)
        // A row an older reference wrote without `epoch` or attention columns comes over with epoch 1.
        #expect(try tableRows("drawing_history").first { $0["timestamp"] == "\"2025-12-31T23:00:00.000000Z\"" }?["epoch"] == "1")
    }

    @Test func aDrawingAnimaAlreadyHasUnderTheSameNameIsKept() throws {
        let written = try makeReferenceCreature()
        try FileManager.default.createDirectory(atPath: target + "/drawings", withIntermediateDirectories: true)
        let ours = Data("anima's own picture".utf8)
        FileManager.default.createFile(atPath: target + "/drawings/" + written.drawing, contents: ours)
        let report = try adopt()
        #expect(report.drawingsKeptExisting == [written.drawing] && report.drawingsCopied == 0)
        #expect(FileManager.default.contents(atPath: target + "/drawings/" + written.drawing) == ours)
    }
}

extension AnimaStore {
    /// Creates an anima.db with anima's migrations and closes it.
    static func closeAfterOpening(path: String) {
        (try? AnimaStore(path: path))?.close()
    }
}
