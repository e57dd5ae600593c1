/// A failure writing, rotating or replaying the audit trail.
public enum AuditError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case rotateFailed(path: String, reason: String)
    case badLine(path: String, line: Int, detail: String)
    case database(PostgresError)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open audit file \(path): \(reason). Check GOVERNANCE_AUDIT_JSONL and the directory's permissions."
        case let .writeFailed(path, reason):
            return "cannot append to audit file \(path): \(reason); the request was not accepted"
        case let .rotateFailed(path, reason):
            return "cannot rotate audit file \(path): \(reason)"
        case let .badLine(path, line, detail):
            return "\(path):\(line): not an audit event: \(detail)"
        case let .database(error):
            return error.description
        }
    }
}
