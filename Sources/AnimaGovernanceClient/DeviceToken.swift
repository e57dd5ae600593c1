#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The device's bearer token for the governance host. Its `description` is redacted so it cannot leak into logs.
public struct DeviceToken: Sendable, Equatable, CustomStringConvertible {
    /// The secret; used only to build the Authorization header.
    public let value: String

    public init(value: String) { self.value = value }

    public var description: String { "<device token redacted>" }

    /// Reads the token from `path`, which must be a regular file readable by its owner only (0600 or 0400):
    /// a token others can read is refused rather than used. The file holds one line, with or without a trailing newline
    /// (spaces around it are dropped); anything else — a second line, a control character inside — is refused naming
    /// the file, because the token goes verbatim into an HTTP header line where a newline would inject a header.
    public static func read(path: String) throws(GovernanceClientError) -> DeviceToken {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .tokenFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .tokenFileUnreadable(path: path, reason: "not a regular file")
        }
        let permissions = UInt32(info.st_mode) & 0o777
        guard permissions & 0o077 == 0 else { throw .tokenFileTooOpen(path: path, mode: permissions) }
        guard let file = fopen(path, "r") else {
            throw .tokenFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count { break }
            // A token is 64 hex characters; a file this large is not a token file.
            guard bytes.count <= 4096 else { throw .tokenFileUnreadable(path: path, reason: "larger than 4 KiB") }
        }
        return try token(fromFileBytes: bytes, path: path)
    }

    /// The token in a token file's bytes: one line of visible ASCII, an optional trailing `\n` (or `\r\n`) and
    /// surrounding spaces or tabs allowed.
    static func token(fromFileBytes bytes: [UInt8], path: String) throws(GovernanceClientError) -> DeviceToken {
        var line = bytes[...]
        if line.last == UInt8(ascii: "\n") { line = line.dropLast() }
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let blank: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t")]
        while let first = line.first, blank.contains(first) { line = line.dropFirst() }
        while let last = line.last, blank.contains(last) { line = line.dropLast() }
        guard !line.isEmpty else { throw .tokenFileEmpty(path: path) }
        if let index = line.firstIndex(where: { $0 < 0x21 || $0 > 0x7E }) {
            let offset = index - bytes.startIndex
            let what = line[index] == UInt8(ascii: "\n") || line[index] == UInt8(ascii: "\r")
                ? "more than one line (a line break at byte \(offset))" : "a space, control or non-ASCII byte at byte \(offset)"
            throw .tokenFileMalformed(path: path, reason: what)
        }
        return DeviceToken(value: String(decoding: line, as: UTF8.self))
    }
}
