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
    /// a token others can read is refused rather than used. Surrounding whitespace and newlines are dropped.
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
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        guard !text.isEmpty else { throw .tokenFileEmpty(path: path) }
        return DeviceToken(value: text)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
