import Foundation
import Logging
import Testing

@testable import ServiceLog

@Suite struct ServiceLogTests {
    /// journald's priority prefix per level (sd-daemon(3): `<N>` with N from syslog(3)), no timestamp of our own.
    @Test func journalLinesCarryThePriorityAndNoTimestamp() {
        #expect(ServiceLogHandler.journalLine(level: .error, label: "anima", message: "display gone", metadata: [:]) == "<3>anima: display gone\n")
        #expect(ServiceLogHandler.journalLine(level: .warning, label: "h", message: "m", metadata: ["b": "2", "a": "1"]) == "<4>h: m a=1 b=2\n")
        #expect(ServiceLogHandler.journalLine(level: .info, label: "h", message: "two\nlines", metadata: [:]) == "<6>h: two\\nlines\n")
        #expect([Logger.Level.trace, .debug, .info, .notice, .warning, .error, .critical].map(ServiceLogHandler.priority) == [7, 7, 6, 5, 4, 3, 2])
    }

    @Test func handlerFiltersByLevelAndMergesMetadata() {
        let lines = Lines()
        var handler = ServiceLogHandler(label: "anima", level: .notice) { lines.append($0) }
        handler[metadataKey: "board"] = "simulator"
        var logger = Logger(label: "anima") { _ in handler }
        logger.logLevel = .notice
        logger.info("hidden")
        logger.error("shown", metadata: ["pin": "25"])
        #expect(lines.all == ["<3>anima: shown board=simulator pin=25\n"])
    }

    /// Only the stream systemd connected counts: a JOURNAL_STREAM inherited by a process whose stderr is a file is ignored.
    @Test func journalStreamMustNameStandardError() throws {
        let path = NSTemporaryDirectory() + "journal-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_WRONLY)
        defer { close(descriptor) }
        var info = stat()
        #expect(fstat(descriptor, &info) == 0)
        #expect(ServiceLog.standardErrorIsJournal("\(info.st_dev):\(info.st_ino)", descriptor: descriptor))
        #expect(!ServiceLog.standardErrorIsJournal("\(info.st_dev):\(info.st_ino + 1)", descriptor: descriptor))
        #expect(!ServiceLog.standardErrorIsJournal(nil, descriptor: descriptor))
        #expect(!ServiceLog.standardErrorIsJournal("garbage", descriptor: descriptor))
        #expect(!ServiceLog.standardErrorIsJournal("1:2:3", descriptor: descriptor))
    }
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
