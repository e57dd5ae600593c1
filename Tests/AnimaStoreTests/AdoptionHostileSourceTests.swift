import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// Issue 19: a Python anima-mcp source as it may really be after years on a card — wrongly typed values, impossible
/// dates, two identity rows, a daylight-saving hour lived twice. Each source is the fixture's real SQLite file
/// (Tests/Fixtures/reference-creature.py), changed with SQL the way a bug or a hand edit would.
@Suite struct AdoptionHostileSourceTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let creatureID = "49e14444-b59e-48f1-83b8-b36a988c9975"

    let source: String
    let target: String

    init() throws {
        let directory = try makeTemporaryDirectory("anima-adopt-hostile")
        source = directory.appendingPathComponent("dot-anima").path
        target = directory.appendingPathComponent("var-lib-anima").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [CreatureAdoptionTests.fixture, source]
        process.environment = ["TZ": "Europe/Berlin", "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let succeeded = process.terminationStatus == 0
        try #require(succeeded)
    }

    func change(_ sql: String...) throws { try change(sql) }

    func change(_ sql: [String]) throws {
        let queue = try DatabaseQueue(path: source + "/anima.db")
        try queue.write { db in for statement in sql { try db.execute(sql: statement) } }
        try queue.close()
    }

    func adopt(creature: String? = nil) throws -> AdoptionReport {
        try CreatureAdoption.adopt(from: source, into: target, creature: creature, time: ReferenceLocalTime(timeZone: Self.berlin))
    }

    /// The adoption's error text, or nil when it adopted.
    func refusal(creature: String? = nil) -> String? {
        do {
            _ = try adopt(creature: creature)
            return nil
        } catch {
            return (error as? AdoptionError)?.description ?? "\(error)"
        }
    }

    func targetTimestamps(_ table: String) throws -> [String] {
        let queue = try DatabaseQueue(path: target + "/anima.db")
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT timestamp FROM \(table) ORDER BY id") }
    }

    /// Before: GRDB's converting subscript trapped (SIGILL) on `total_awakenings = 'x'`; nothing said which value.
    @Test(arguments: [
        ("total_awakenings = 'x'", "identity.total_awakenings of row 1 is 'x', not a whole number"),
        ("total_alive_seconds = 'long'", "identity.total_alive_seconds of row 1 is 'long', not a number of seconds"),
        ("name = x'6869'", "identity.name of row 1 is a 2-byte BLOB, not text"),
        ("born_at = 17", "identity.born_at of row 1 is '17', not a date and time"),
        ("metadata = x'00ff'", "identity.metadata of row 1 is a 2-byte BLOB, not JSON text"),
    ])
    func aWronglyTypedIdentityValueIsNamedNotATrap(_ assignment: String, _ message: String) throws {
        try change("UPDATE identity SET \(assignment)")
        let text = try #require(refusal())
        #expect(text.contains(message) && text.hasSuffix("Nothing was adopted"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: target + "/anima.db"), "a refused adoption writes no anima.db")
    }

    /// Before: the values were carried over as they were ('warm' into a REAL column, a BLOB as a timestamp), so anima
    /// trapped reading its own history back.
    @Test func wronglyTypedHistoryRowsAreLeftBehindCountedAndNamed() throws {
        try change(
            "UPDATE state_history SET warmth = 'warm' WHERE id = 3",
            "UPDATE drawing_history SET marks = 'many' WHERE id = 5",
            "UPDATE drawing_history SET era = x'07' WHERE id = 6",
            "UPDATE events SET timestamp = x'00' WHERE id = 2")
        let report = try adopt()
        #expect(report.skipped == 4 && report.skippedRows.count == 4, "\(report.skippedRows)")
        #expect(report.skippedRows.contains("state_history id 3: warmth 'warm' is not a number"), "\(report.skippedRows)")
        #expect(report.skippedRows.contains("drawing_history id 5: marks 'many' is not a whole number"))
        #expect(report.skippedRows.contains("drawing_history id 6: era a 1-byte BLOB is not text"))
        #expect(report.skippedRows.contains("events id 2: timestamp a 1-byte BLOB is not a date"))
        #expect(report.stateHistory == 59 && report.drawingHistory == 58 && report.events == 5)
        // What came over reads back through anima's own store.
        let store = try AnimaStore(path: target + "/anima.db")
        defer { store.close() }
        #expect(try store.identity.stored()?.creatureID == Self.creatureID)
    }

    /// Before: 2026-02-30 was read as 2 March (day 30 of February passed a 1…31 check).
    @Test func impossibleDatesAreLeftBehindAndAnImpossibleBirthIsRefused() throws {
        try change(
            "INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors) VALUES ('2026-02-30T12:00:00', 0.5, 0.5, 0.5, 0.5, '{}')",
            "INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors) VALUES ('2025-04-31T08:00:00.5', 0.5, 0.5, 0.5, 0.5, '{}')",
            "INSERT INTO events (timestamp, event_type) VALUES ('2025-06-30T23:59:60', 'wake')",
            "INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors) VALUES ('2024-02-29T12:00:00', 0.5, 0.5, 0.5, 0.5, '{}')")
        let report = try adopt()
        #expect(report.skipped == 3, "\(report.skippedRows)")
        #expect(report.skippedRows.contains { $0.hasSuffix("timestamp '2026-02-30T12:00:00' is not a date") })
        #expect(report.skippedRows.contains { $0.hasSuffix("timestamp '2025-04-31T08:00:00.5' is not a date") })
        #expect(report.skippedRows.contains { $0.hasSuffix("timestamp '2025-06-30T23:59:60' is not a date") })
        #expect(try targetTimestamps("state_history").contains("2024-02-29T11:00:00.000000Z"), "a real leap day comes over")

        let other = try makeTemporaryDirectory("anima-adopt-born").path
        try change("UPDATE identity SET born_at = '2026-02-30T19:41:12'")
        do {
            _ = try CreatureAdoption.adopt(from: source, into: other, time: ReferenceLocalTime(timeZone: Self.berlin))
            Issue.record("an impossible birth must be refused")
        } catch {
            #expect(error.description.contains("identity.born_at of row 1 is '2026-02-30T19:41:12', not a date and time"), "\(error)")
        }
    }

    @Test func theCalendarIsPythons() {
        let time = ReferenceLocalTime(timeZone: TimeZone(identifier: "UTC")!)
        #expect(time.storeTimestamp("2000-02-29T00:00:00") == "2000-02-29T00:00:00.000000Z")
        #expect(time.storeTimestamp("1900-02-29T00:00:00") == nil)
        #expect(time.storeTimestamp("2023-02-29T00:00:00") == nil)
        #expect(time.storeTimestamp("2026-11-31T00:00:00") == nil)
        #expect(time.storeTimestamp("2026-12-31T23:59:59.999999") == "2026-12-31T23:59:59.999999Z")
    }

    /// Before: the row with the earliest born_at was adopted and the other ignored without a word.
    @Test func twoIdentityRowsAreRefusedListedAndChosenWithCreature() throws {
        let other = "0f0f0f0f-0000-4000-8000-000000000000"
        try change("INSERT INTO identity (creature_id, born_at, total_awakenings, name) VALUES ('\(other)', '2025-01-01T10:00:00', 2, 'Spark')")
        let text = try #require(refusal())
        #expect(text.contains("its identity table holds 2 creatures: '\(Self.creatureID)' 'Lumen' born"), "\(text)")
        #expect(text.contains("'\(other)' 'Spark' born '2025-01-01T10:00:00', 2 awakenings"), "\(text)")
        #expect(text.contains("without ANIMA_ID set, anima-mcp woke as \(other)") && text.contains("--creature ID"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: target + "/anima.db"))

        let missing = try #require(refusal(creature: "nobody"))
        #expect(missing.contains("--creature nobody is not in its identity table"), "\(missing)")

        let report = try adopt(creature: Self.creatureID)
        #expect(report.creatureID == Self.creatureID && report.name == "Lumen" && report.stateHistory == 60)
        let store = try AnimaStore(path: target + "/anima.db")
        defer { store.close() }
        #expect(try store.identity.stored()?.creatureID == Self.creatureID)
    }

    /// Berlin fell back at 03:00 CEST on 2025-10-26: 02:00–02:59 local happened twice. Rows every 30 s from 01:30 CEST
    /// to 03:30 CET, as anima-mcp wrote them (naive local times, in row order). Before: the second pass's 120 rows
    /// were read as the first pass again, an hour early.
    @Test func theRepeatedDaylightSavingHourFollowsRowOrder() throws {
        var rows: [String] = []
        var expected: [String] = []
        let start = 1_761_435_000.0  // 2025-10-25T23:30:00Z = 01:30 CEST
        for step in 0..<((3 * 3600 / 30) + 1) {
            let utc = start + Double(step) * 30
            let local = utc + Double(Self.berlin.secondsFromGMT(for: Date(timeIntervalSince1970: utc)))
            rows.append(String(StoreTimestamp.format(local).prefix(19)))
            expected.append(StoreTimestamp.format(utc))
        }
        #expect(rows.filter { $0.hasPrefix("2025-10-26T02:") }.count == 240, "the hour is lived twice")
        try change(
            ["DELETE FROM state_history"]
                + rows.map { "INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors) VALUES ('\($0)', 0.5, 0.5, 0.5, 0.5, '{}')" })
        let report = try adopt()
        #expect(report.stateHistory == rows.count && report.skipped == 0)
        let stamps = try targetTimestamps("state_history")
        #expect(stamps == expected, "first difference: \(zip(stamps, expected).first { $0 != $1 }.map { "\($0) for \($1)" } ?? "none")")
        // Alone, without the row before it, a repeated wall time is its first instant.
        #expect(ReferenceLocalTime(timeZone: Self.berlin).storeTimestamp("2025-10-26T02:30:00") == "2025-10-26T00:30:00.000000Z")
    }
}
