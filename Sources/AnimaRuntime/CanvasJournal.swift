import AnimaDrawing
import AnimaFiles
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What changed on the canvas since `canvas.json` was last written whole: one line per write in `canvas.journal`,
/// each a canvas document holding only the pixels added or recoloured since the line before, with the whole record
/// (mark count, era, arc phase …). Rewriting a typical canvas.json (hundreds of KB, fsynced) at every mark was most of
/// what anima wrote to an SD card; a line is a few hundred bytes appended. The journal is never fsynced — like
/// anima.db's WAL a power cut can lose the last ~30 s of it, a crash nothing — and is emptied each time canvas.json
/// is written whole (`CanvasStorage` does that every `fullWriteInterval`, at a clear, a finished drawing or an era
/// change). Its first line names the canvas.json it continues (a 64-bit FNV-1a of the file's bytes), so a journal left
/// behind by a power cut between the two never applies to the wrong base.
struct CanvasJournal {
    let path: String

    /// The lines to apply on top of `base` (the bytes of canvas.json as read), oldest first; a torn last line is left
    /// out. Nothing when the journal continues another canvas.json.
    func lines(continuing base: [UInt8]) -> [[UInt8]] {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return [] }
        var lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
        if data.last != 0x0A, !lines.isEmpty { lines.removeLast() }
        guard let header = lines.first, header == Self.header(for: base) else { return [] }
        return Array(lines.dropFirst())
    }

    /// Starts a journal continuing `base` (replacing any old one).
    func start(continuing base: [UInt8]) throws(AtomicFile.WriteError) {
        try AtomicFile.write(Self.header(for: base) + [0x0A], to: path, durability: .readersOnly)
    }

    /// Appends one line (no fsync: the kernel writes it back with anima.db's WAL).
    func append(_ line: [UInt8]) throws(AtomicFile.WriteError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw AtomicFile.WriteError(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        let bytes = line + [0x0A]
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.WriteError(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    static func header(for base: [UInt8]) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in base {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Array("{\"canvas_json_fnv1a\":\"\(String(hash, radix: 16))\"}".utf8)
    }
}
