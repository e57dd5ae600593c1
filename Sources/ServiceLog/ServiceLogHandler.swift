import Foundation
import Logging

/// The log format both programs use. On a terminal or in a file: swift-log's stream format (timestamp, level, label).
/// Under systemd (`JOURNAL_STREAM` names standard error's device and inode) each line starts with the syslog priority
/// as `<N>` and carries no timestamp of its own — journald adds one and files the line under that priority, so
/// `journalctl -p err` shows errors and nothing else.
public struct ServiceLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let write: @Sendable (String) -> Void

    init(label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        write(Self.journalLine(level: event.level, label: label, message: "\(event.message)", metadata: merged))
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt
    ) {
        log(event: LogEvent(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line))
    }

    /// `<priority>label: message key=value …`, one line (newlines in the message are escaped so one event stays one
    /// journal entry).
    static func journalLine(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var line = "<\(priority(level))>\(label): \(message)"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        return line.replacingOccurrences(of: "\n", with: "\\n") + "\n"
    }

    /// syslog(3) priorities: journald reads them from the `<N>` prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}

/// Sets up logging for a whole process, once.
public enum ServiceLog {
    /// Bootstraps swift-log: the journal format when standard error is systemd's journal stream, else the stream format.
    public static func bootstrap(level: Logger.Level, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let journal = standardErrorIsJournal(environment["JOURNAL_STREAM"])
        LoggingSystem.bootstrap { label in
            if journal {
                return ServiceLogHandler(label: label, level: level) { line in FileHandle.standardError.write(Data(line.utf8)) }
            }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// systemd sets `JOURNAL_STREAM=<device>:<inode>` of the stream it connected; it only counts while standard error
    /// is still that stream (a child whose stderr was redirected elsewhere must not write priority prefixes there).
    static func standardErrorIsJournal(_ value: String?, descriptor: Int32 = 2) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
