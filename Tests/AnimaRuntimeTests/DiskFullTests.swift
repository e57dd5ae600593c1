@testable import AnimaFiles
import AnimaStore
import Logging
import Foundation
import Testing

@testable import AnimaRuntime

/// Issue 12 item 7: on a full disk anima said "disk I/O error … check that the directory is writable" and wrote 7,185
/// log lines in 20 s. It now says "disk full" with the free space and backs the repeated lines off.
@Suite struct DiskFullTests {
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anima-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A real SQLITE_FULL: anima.db capped with `PRAGMA max_page_count`, then written until it refuses.
    @Test func sqliteFullIsSaidAsDiskFullWithTheFreeSpace() throws {
        let data = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let store = try AnimaStore(path: data + "/anima.db")
        defer { store.close() }
        try store.database.write { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 4)")
        }
        var failure: StoreError?
        for index in 0..<200 where failure == nil {
            do {
                try store.outbox.append(id: "summary-\(index)", payload: Array(repeating: 0x41, count: 4096), at: Double(index))
            } catch {
                failure = error
            }
        }
        let error = try #require(failure, "max_page_count should have filled anima.db")
        let message = try #require(DiskFull.message(for: error, directory: data))
        #expect(message.hasPrefix("disk full: "))
        #expect(message.contains("free on the file system of \(data)"))
        #expect(message.contains("anima keeps drawing"))
        let free = try #require(DiskFull.freeBytes(at: data))
        #expect(message.contains(DiskFull.formatted(free)))
    }

    @Test func noSpaceFromAFileWriteIsDiskFullAndOtherErrorsAreNot() {
        let full = AtomicFile.WriteError(path: "/var/lib/anima/canvas.json", operation: "write", errno: ENOSPC)
        #expect(DiskFull.message(for: full, directory: NSTemporaryDirectory())?.hasPrefix("disk full: ") == true)
        let denied = AtomicFile.WriteError(path: "/var/lib/anima/canvas.json", operation: "open", errno: EACCES)
        #expect(DiskFull.message(for: denied, directory: NSTemporaryDirectory()) == nil)
        #expect(DiskFull.describe(denied, directory: NSTemporaryDirectory()) == denied.description)
        #expect(DiskFull.formatted(512) == "512 bytes" && DiskFull.formatted(3 << 20) == "3.0 MiB")
    }

    /// 7,185 failures in 20 s make one line; the minute after, one more saying how many were held back; a success
    /// lets the next failure through at once.
    @Test func repeatedLinesBackOff() {
        var backoff = LogBackoff(interval: 60)
        var logged: [Int] = []
        for index in 0..<7_185 {
            if let held = backoff.admit("canvas", at: Double(index) * 20 / 7_185) { logged.append(held) }
        }
        #expect(logged == [0])
        #expect(backoff.admit("status", at: 10) == 0, "each kind of line has its own back-off")
        #expect(backoff.admit("canvas", at: 61) == 7_184)
        #expect(backoff.admit("canvas", at: 62) == nil)
        backoff.clear("canvas")
        #expect(backoff.admit("canvas", at: 63) == 0)
    }
}

/// The start's wait on a full disk (the process-level test with a real full file system is FullDiskStartTests).
@Suite struct WaitingStartTests {
    @Test func retriesWhileTheDiskIsFullAndStartsWhenItIsNot() throws {
        var attempts = 0
        let value = try WaitingStart(retryInterval: 0.01).start(
            shutdown: ShutdownSignal(signals: []), notifier: SystemdNotifier(socketPath: nil), logger: Logger(label: "test")
        ) { () throws(RuntimeError) -> Int in
            attempts += 1
            if attempts < 3 { throw .diskFull("disk full: 0 bytes free") }
            return 42
        }
        #expect(value == 42 && attempts == 3)
    }

    @Test func anyOtherStartFailureIsThrownAtOnce() {
        var attempts = 0
        #expect(throws: RuntimeError.self) {
            try WaitingStart(retryInterval: 0.01).start(
                shutdown: ShutdownSignal(signals: []), notifier: SystemdNotifier(socketPath: nil), logger: Logger(label: "test")
            ) { () throws(RuntimeError) -> Int in
                attempts += 1
                throw .store("SQLite error 11: database disk image is malformed")
            }
        }
        #expect(attempts == 1)
    }
}
