import Foundation
import GRDB
import Logging
import Testing

@testable import AnimaStore

/// Log lines a store wrote, for counting them.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func append(_ line: String) { lock.withLock { stored.append(line) } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            log.append("\(level): \(message)")
        }
    }
}

/// Issue 19 item 4 and 11: the outbox and the drawing queue read rows a person or a damaged page may have made wrong,
/// without trapping (one `update outbox set created_at='x'` was SIGILL at every governed start); a full outbox says
/// so once an hour, not once per summary; the "created" counter moves with the row, in one transaction.
@Suite struct QueueRowDecodingTests {
    let directory: URL
    let log = CapturedLog()

    init() throws { directory = try makeTemporaryDirectory("anima-queue-rows") }

    func open(capacity: Int = Outbox.defaultCapacity) throws -> AnimaStore {
        try AnimaStore(path: directory.appendingPathComponent("anima.db").path, outboxCapacity: capacity, logger: log.logger)
    }

    func drawing(_ index: Int) -> DrawingUpload {
        DrawingUpload(
            sha256: String(format: "%064x", index), png: [0x89, 0x50, 0x4E, 0x47, UInt8(index)], era: "gestural", marks: 10,
            pixels: 100, completion: "time_limit", finishedAt: 1_795_705_200)
    }

    @Test(arguments: [
        "UPDATE outbox SET created_at = 'x' WHERE id = 'b'",
        "UPDATE outbox SET payload = 'not a blob' WHERE id = 'b'",
        "UPDATE outbox SET created_at = x'00' WHERE id = 'b'",
    ])
    func aWronglyTypedOutboxRowIsQuarantinedNotATrap(_ sql: String) throws {
        let store = try open()
        defer { store.close() }
        for id in ["a", "b", "c"] { try store.outbox.append(id: id, payload: Array("{}".utf8), at: 10) }
        try store.database.write { db in try db.execute(sql: sql) }

        #expect(try store.outbox.oldest(limit: 10).map(\.id) == ["a", "c"])
        #expect(try store.outbox.depth() == 2 && store.outbox.quarantinedCount() == 1)
        let reason = try store.database.read { db in try String.fetchOne(db, sql: "SELECT reason FROM outbox_quarantine") }
        #expect(reason?.hasPrefix("unreadable row in anima.db") == true, "\(reason ?? "")")
        #expect(log.lines.filter { $0.contains("is unreadable") }.count == 1, "\(log.lines)")
        // Read again: nothing more to say.
        _ = try store.outbox.oldest(limit: 10)
        #expect(log.lines.filter { $0.contains("is unreadable") }.count == 1)
        // Requeued, a created_at that is not a number is repaired (the quarantine time); a bad payload comes back to
        // the quarantine on the next read, still without a trap.
        #expect(try store.outbox.requeueQuarantined() == 1)
        let items = try store.outbox.oldest(limit: 10)
        #expect(items.count + (try store.outbox.quarantinedCount()) == 3)
    }

    @Test(arguments: [
        "UPDATE drawing_uploads SET finished_at = 'x' WHERE seq = 2",
        "UPDATE drawing_uploads SET marks = 'many' WHERE seq = 2",
        "UPDATE drawing_uploads SET png = 12 WHERE seq = 2",
        "UPDATE drawing_uploads SET era = x'00ff' WHERE seq = 2",
    ])
    func aWronglyTypedDrawingRowIsQuarantinedNotATrap(_ sql: String) throws {
        let store = try open()
        defer { store.close() }
        for index in 1...3 { try store.drawingUploads.enqueue(drawing(index)) }
        try store.database.write { db in try db.execute(sql: sql) }

        #expect(try store.drawingUploads.oldest()?.sha256 == drawing(1).sha256)
        try store.drawingUploads.remove(sha256: drawing(1).sha256)
        #expect(try store.drawingUploads.oldest()?.sha256 == drawing(3).sha256, "the bad row no longer blocks the next")
        #expect(try store.drawingUploads.quarantinedCount() == 1)
        #expect(log.lines.filter { $0.contains("is unreadable") }.count == 1, "\(log.lines)")
    }

    /// A full outbox dropped a row per summary and said so each time: 2,880 lines a day into the journal.
    @Test func aFullOutboxWarnsOnceAnHourWithTheCount() throws {
        let store = try open(capacity: 2)
        defer { store.close() }
        for index in 0..<12 { try store.outbox.append(id: "s\(index)", payload: [1], at: 1000 + Double(index) * 180) }
        let full = log.lines.filter { $0.contains("outbox full") }
        #expect(full.count == 1, "\(full)")
        #expect(full.first?.contains("dropped the 1 oldest") == true)
        // Past the hour, one more line with every drop since.
        try store.outbox.append(id: "late", payload: [1], at: 1000 + 4000)
        let again = log.lines.filter { $0.contains("outbox full") }
        #expect(again.count == 2 && again.last?.contains("dropped the 10 oldest") == true, "\(again)")
        #expect(try store.outbox.droppedCount() == 11)
    }

    /// kill -9 between the append and the count left `summaries_created` behind the outbox. Here the count's write
    /// fails (a trigger refuses it, as a crash would stop it): the row must not stay without its count.
    @Test func theCreatedCounterAndTheRowCommitTogether() throws {
        let store = try open()
        defer { store.close() }
        try store.outbox.append(id: "first", payload: [1], at: 10, counting: "governance.summaries_created")
        try store.database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_count BEFORE UPDATE ON runtime_state WHEN NEW.key = 'governance.summaries_created'
                BEGIN SELECT RAISE(ABORT, 'simulated crash before the count'); END
                """)
        }
        #expect(throws: StoreError.self) {
            try store.outbox.append(id: "second", payload: [1], at: 20, counting: "governance.summaries_created")
        }
        #expect(try store.outbox.depth() == 1)
        #expect(try store.runtimeState.counter("governance.summaries_created") == 1)
        // An id already queued is not counted twice.
        try store.database.write { db in try db.execute(sql: "DROP TRIGGER refuse_count") }
        try store.outbox.append(id: "first", payload: [1], at: 30, counting: "governance.summaries_created")
        #expect(try store.runtimeState.counter("governance.summaries_created") == 1)
    }
}
