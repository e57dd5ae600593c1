#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The display trace format (spec §7): `ANMTRC01`, then records `tag u8 · length u32 LE · payload`.
/// Tags: C command, D data, W wait (u32 LE ms), G line change (UTF-8 `role=value`), F end of frame (u32 LE number).
public enum TraceFormat {
    public static let header: [UInt8] = Array("ANMTRC01".utf8)

    /// Appends one record's bytes.
    public static func append(_ record: TraceRecord, to bytes: inout [UInt8]) {
        let payload: [UInt8]
        switch record {
        case let .command(command): payload = command
        case let .data(data): payload = data
        case let .wait(milliseconds): payload = littleEndian(milliseconds)
        case let .line(role, value): payload = Array("\(role)=\(value)".utf8)
        case let .endFrame(number): payload = littleEndian(number)
        }
        bytes.append(record.tag)
        bytes += littleEndian(UInt32(payload.count))
        bytes += payload
    }

    /// A whole trace file's bytes.
    public static func encode(_ records: [TraceRecord]) -> [UInt8] {
        var bytes = header
        for record in records { append(record, to: &bytes) }
        return bytes
    }

    /// Parses a trace. Unknown tags are skipped by their length; a bad header, a record running past the end, or a
    /// known tag with an impossible payload is an error naming `source` and the byte offset.
    public static func decode(_ bytes: [UInt8], source: String) throws(DisplayError) -> [TraceRecord] {
        guard bytes.count >= header.count, Array(bytes[0..<header.count]) == header else {
            throw .malformedTrace(path: source, offset: 0, detail: "missing the 'ANMTRC01' header")
        }
        var records: [TraceRecord] = []
        var offset = header.count
        while offset < bytes.count {
            guard bytes.count - offset >= 5 else {
                throw .malformedTrace(path: source, offset: offset, detail: "record header cut short (\(bytes.count - offset) of 5 bytes)")
            }
            let tag = bytes[offset]
            let length = Int(readUInt32(bytes, at: offset + 1))
            let start = offset + 5
            guard length <= bytes.count - start else {
                throw .malformedTrace(path: source, offset: offset, detail: "record of \(length) bytes runs past the end of the file")
            }
            let payload = Array(bytes[start..<start + length])
            switch tag {
            case 0x43: records.append(.command(payload))
            case 0x44: records.append(.data(payload))
            case 0x57, 0x46:
                guard length == 4 else {
                    throw .malformedTrace(path: source, offset: offset, detail: "'\(tag == 0x57 ? "W" : "F")' record needs a 4-byte payload, has \(length)")
                }
                let value = readUInt32(payload, at: 0)
                records.append(tag == 0x57 ? .wait(value) : .endFrame(value))
            case 0x47:
                let text = String(decoding: payload, as: UTF8.self)
                guard let equals = text.firstIndex(of: "="), let value = Int(text[text.index(after: equals)...]) else {
                    throw .malformedTrace(path: source, offset: offset, detail: "'G' record '\(text)' is not role=value")
                }
                records.append(.line(role: String(text[..<equals]), value: value))
            default:
                break  // unknown tag: skipped by length, as the format requires
            }
            offset = start + length
        }
        return records
    }

    /// Reads and parses a trace file.
    public static func read(path: String) throws(DisplayError) -> [TraceRecord] {
        try decode(FileBytes.read(path), source: path)
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }

    static func readUInt32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }
}

/// The `trace:PATH` transport: records every call to a trace file instead of a bus. Records are buffered and
/// written at each end of frame (and when the buffer passes 256 KiB), so a crash loses at most the current frame.
public final class TraceTransport: DisplayTransport {
    public let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []

    /// Creates (or truncates) the file and writes the header.
    public init(path: String) throws(DisplayError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .file(path: path, operation: "create trace", errno: errno) }
        buffer = TraceFormat.header
        try flush()
    }

    deinit {
        try? flush()
        close(descriptor)
    }

    public func command(_ bytes: [UInt8]) throws(DisplayError) { try record(.command(bytes)) }
    public func data(_ bytes: [UInt8]) throws(DisplayError) { try record(.data(bytes)) }
    public func wait(milliseconds: UInt32) throws(DisplayError) { try record(.wait(milliseconds)) }
    public func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError) {
        try record(.line(role: role.rawValue, value: value))
    }

    public func endFrame(_ number: UInt32) throws(DisplayError) {
        TraceFormat.append(.endFrame(number), to: &buffer)
        try flush()
    }

    /// Writes buffered records now (init sequences end without a frame).
    public func flush() throws(DisplayError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .file(path: path, operation: "write trace", errno: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func record(_ record: TraceRecord) throws(DisplayError) {
        TraceFormat.append(record, to: &buffer)
        if buffer.count > 256 * 1024 { try flush() }
    }
}

/// Whole-file reads for traces and panel files, with errors naming the path.
enum FileBytes {
    static func read(_ path: String) throws(DisplayError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .file(path: path, operation: "open", errno: errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .file(path: path, operation: "read", errno: errno)
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }
}
