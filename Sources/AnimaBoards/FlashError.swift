/// Why `anima flash` or `anima display test` stopped; each names the board, file or device and what to do.
public enum FlashError: Error, Equatable, Sendable, CustomStringConvertible {
    case board(BoardError)
    /// The display layer refused the configuration or the transport failed (its message, which names the field/device).
    case display(String)
    case directory(path: String, reason: String)
    case write(String)
    /// A file read back with different bytes than were written (failing storage, a concurrent writer).
    case verify(path: String, expected: String, found: String)

    public var description: String {
        switch self {
        case let .board(error): return error.description
        case let .display(message): return message
        case let .directory(path, reason): return "cannot create directory \(path): \(reason). Check --root and permissions (sudo for /)."
        case let .write(message): return message
        case let .verify(path, expected, found):
            return "\(path) read back with SHA-256 \(found), expected \(expected); the storage may be failing — run flash again."
        }
    }
}
