import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The append-only JSONL audit file: one event per line, each line `fsync`ed before the request goes on to PostgreSQL.
///
/// Appends from concurrent requests are group-committed: whoever finds no flush running writes every pending line and
/// `fsync`s once, while the others wait for that flush to cover their line. Each caller still returns only once its own
/// line is durable, but N concurrent requests share one `fsync` instead of queueing for N.
///
/// Rotation renames the live file to `audit_log-YYYYMMDD.jsonl` (an atomic `rename`) and starts a new one. A writer in
/// another process (the server while an operator runs `audit rotate`) notices on its next flush that its descriptor
/// no longer names the path and reopens, so no line goes to a rotated file after rotation.
public final class AuditLog: @unchecked Sendable {
    public let path: String
    /// Guards `state`; waiters sleep on it until their sequence number is durable.
    private let condition = NSCondition()
    private var state = WriterState()

    private struct WriterState {
        var descriptor: Int32 = -1
        var pending: [UInt8] = []
        var nextSequence: UInt64 = 1
        /// Every line with a sequence number ≤ this is written and synced (or failed, see `failures`).
        var durable: UInt64 = 0
        /// A flush or rotation owns the descriptor.
        var busy = false
        var failures: [(first: UInt64, last: UInt64, error: AuditError)] = []
    }

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
        state.descriptor = try Self.openForAppend(path)
    }

    deinit {
        if state.descriptor >= 0 { close(state.descriptor) }
    }

    /// Appends one line and returns once it is durable (written and `fsync`ed).
    public func append(_ event: AuditEvent) throws(AuditError) {
        let line = Array((event.jsonLine + "\n").utf8)
        condition.lock()
        defer { condition.unlock() }
        let sequence = state.nextSequence
        state.nextSequence += 1
        state.pending.append(contentsOf: line)
        while state.durable < sequence {
            if state.busy {
                condition.wait()
                continue
            }
            state.busy = true
            let batch = state.pending
            let first = state.durable + 1
            let last = state.nextSequence - 1
            state.pending = []
            var descriptor = state.descriptor
            condition.unlock()
            let failure = flush(batch, descriptor: &descriptor)
            condition.lock()
            state.descriptor = descriptor
            state.durable = last
            if let failure {
                state.failures.append((first, last, failure))
                if state.failures.count > 64 { state.failures.removeFirst() }
            }
            state.busy = false
            condition.broadcast()
        }
        if let failed = state.failures.last(where: { $0.first <= sequence && sequence <= $0.last }) {
            throw failed.error
        }
    }

    /// Renames the live file to `audit_log-YYYYMMDD.jsonl` (adding `-2`, `-3`… if that exists) and opens a new one.
    /// Returns the rotated file's path.
    @discardableResult
    public func rotate(now: Date = Date()) throws(AuditError) -> String {
        condition.lock()
        while state.busy { condition.wait() }
        state.busy = true
        var descriptor = state.descriptor
        condition.unlock()
        let result: Result<String, AuditError>
        do throws(AuditError) {
            let target = Self.rotatedPath(for: path, day: UTCTime.day(now))
            guard rename(path, target) == 0 else { throw .rotateFailed(path: path, reason: Self.errnoText()) }
            Self.syncDirectory(of: path)
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            descriptor = try Self.openForAppend(path)
            result = .success(target)
        } catch {
            result = .failure(error)
        }
        condition.lock()
        state.descriptor = descriptor
        state.busy = false
        condition.broadcast()
        condition.unlock()
        return try result.get()
    }

    /// Writes and syncs one group of lines; reopens first if the path was rotated away by another process.
    private func flush(_ bytes: [UInt8], descriptor: inout Int32) -> AuditError? {
        do throws(AuditError) {
            if !Self.descriptorNamesPath(descriptor, path) {
                if descriptor >= 0 { close(descriptor) }
                descriptor = -1
                descriptor = try Self.openForAppend(path)
            }
            try Self.writeAll(descriptor, bytes, path)
            let started = DispatchTime.now().uptimeNanoseconds
            guard fsync(descriptor) == 0 else { throw .writeFailed(path: path, reason: Self.errnoText()) }
            HostSeries.auditFsync(nanoseconds: DispatchTime.now().uptimeNanoseconds - started)
            return nil
        } catch {
            return error
        }
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
