/// Why `anima run` could not start. Everything after start is handled inside the loop (logged, retried, counted).
public enum RuntimeError: Error, Sendable, CustomStringConvertible {
    case configuration(String)
    case dataDirectory(path: String, reason: String)
    case board(String)
    case store(String)
    /// anima.db could not be opened or written because its file system is full (the message says how much is free).
    case diskFull(String)

    /// Wrong settings (board, data directory, configuration): restarting cannot help, so `anima run` exits 78.
    public var isConfiguration: Bool {
        switch self {
        case .configuration, .dataDirectory, .board: return true
        case .store, .diskFull: return false
        }
    }

    public var description: String {
        switch self {
        case let .configuration(message): return message
        case let .dataDirectory(path, reason): return "data directory \(path): \(reason). Create it or pass --data-dir."
        case let .board(message): return message
        case let .store(message), let .diskFull(message): return message
        }
    }
}
