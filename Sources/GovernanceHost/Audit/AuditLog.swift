import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The append-only JSONL audit file: one event per line, each line `fsync`ed before the request goes on to PostgreSQL.
///
/// Rotation renames the live file to `audit_log-YYYYMMDD.jsonl` (an atomic `rename`) and starts a new one. A writer in
/// another process (the server while an operator runs `audit rotate`) notices on its next append that its descriptor
/// no longer names the path and reopens, so no line goes to a rotated file after rotation.
public final class AuditLog: Sendable {
    public let path: String
    private let descriptor = Mutex<Int32>(-1)

    public init(path: String) throws(AuditError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create directory \(directory): \(error.localizedDescription)")
            }
        }
        let fd = try Self.openForAppend(path)
        descriptor.withLock { $0 = fd }
    }

    deinit {
        descriptor.withLock { if $0 >= 0 { close($0) } }
    }

    /// Appends one line and `fsync`s it; returns only once the line is durable.
    public func append(_ event: AuditEvent) throws(AuditError) {
        let line = Array((event.jsonLine + "\n").utf8)
        let path = self.path
        let result: Result<Void, AuditError> = descriptor.withLock { fd in
            do throws(AuditError) {
                if !Self.descriptorNamesPath(fd, path) {
                    if fd >= 0 { close(fd) }
                    fd = -1
                    fd = try Self.openForAppend(path)
                }
                try Self.writeAll(fd, line, path)
                guard fsync(fd) == 0 else { throw .writeFailed(path: path, reason: Self.errnoText()) }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Renames the live file to `audit_log-YYYYMMDD.jsonl` (adding `-2`, `-3`… if that exists) and opens a new one.
    /// Returns the rotated file's path.
    @discardableResult
    public func rotate(now: Date = Date()) throws(AuditError) -> String {
        let path = self.path
        let result: Result<String, AuditError> = descriptor.withLock { fd in
            do throws(AuditError) {
                let target = Self.rotatedPath(for: path, day: UTCTime.day(now))
                guard rename(path, target) == 0 else { throw .rotateFailed(path: path, reason: Self.errnoText()) }
                Self.syncDirectory(of: path)
                if fd >= 0 { close(fd) }
                fd = -1
                fd = try Self.openForAppend(path)
                return .success(target)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads every event of a JSONL file, failing on the first line that is not an event (naming the line).
    public static func read(path: String) throws(AuditError) -> [AuditEvent] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotOpen(path: path, reason: "no such file or not readable")
        }
        var events: [AuditEvent] = []
        let decoder = JSONDecoder()
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
            do {
                events.append(try decoder.decode(AuditEvent.self, from: Data(line)))
            } catch {
                throw .badLine(path: path, line: index + 1, detail: String(describing: error))
            }
        }
        return events
    }

    // MARK: File plumbing

    static func rotatedPath(for path: String, day: String) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let ext = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        let directory = url.deletingLastPathComponent().path
        var candidate = "\(directory)/\(stem)-\(day)\(ext)"
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(directory)/\(stem)-\(day)-\(counter)\(ext)"
            counter += 1
        }
        return candidate
    }

    private static func openForAppend(_ path: String) throws(AuditError) -> Int32 {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: errnoText()) }
        return fd
    }

    private static func descriptorNamesPath(_ fd: Int32, _ path: String) -> Bool {
        guard fd >= 0 else { return false }
        var open = stat()
        var named = stat()
        guard fstat(fd, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_ino == named.st_ino && open.st_dev == named.st_dev
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws(AuditError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: errnoText())
            }
            offset += written
        }
    }

    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
