/// Why `anima run` could not start. Everything after start is handled inside the loop (logged, retried, counted).
public enum RuntimeError: Error, Sendable, CustomStringConvertible {
    case configuration(String)
    case dataDirectory(path: String, reason: String)
    case board(String)
    case store(String)
    /// anima.db could not be opened or written because its file system is full (the message says how much is free).
    case diskFull(String)
    /// The data directory's file system is mounted read-only (the message says what to check).
    case readOnly(String)
    /// Another anima holds the data directory's lock (the message names its pid): exit 75, and systemd tries again.
    case busy(String)

    /// A start that may succeed later without anyone changing a setting (a full disk, a read-only card): `anima run`
    /// waits and retries instead of exiting.
    public var isWaitable: Bool {
        switch self {
        case .diskFull, .readOnly: return true
        default: return false
        }
    }

    /// Wrong settings (board, data directory, configuration): restarting cannot help, so `anima run` exits 78.
    public var isConfiguration: Bool {
        switch self {
        case .configuration, .dataDirectory, .board: return true
        case .store, .diskFull, .readOnly, .busy: return false
        }
    }

    public var description: String {
        switch self {
        case let .configuration(message): return message
        case let .dataDirectory(path, reason): return "data directory \(path): \(reason). Create it or pass --data-dir."
        case let .board(message): return message
        case let .store(message), let .diskFull(message), let .readOnly(message), let .busy(message): return message
        }
    }
}
