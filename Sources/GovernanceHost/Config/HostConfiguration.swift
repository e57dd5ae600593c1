import CAnimaLibPQ

/// Everything the host needs to start, read from the environment (spec §2) and overridden by command-line flags.
///
/// Loading is pure: it takes the environment as a dictionary and the flag values as optionals, so every rule
/// (required URL, integer bounds, MIN ≤ MAX) is tested without touching the process environment.
public struct HostConfiguration: Sendable, Equatable {
    /// libpq conninfo string or URI. Required: the host never guesses a database.
    public var databaseURL: String
    /// Connections opened at start.
    public var minConnections: Int
    /// Pool ceiling.
    public var maxConnections: Int
    /// Path of the append-only audit JSONL file.
    public var auditPath: String

    public static let defaultMinConnections = 2
    public static let defaultMaxConnections = 10
    public static let defaultAuditPath = "./data/audit_log.jsonl"

    /// Flag values that, when given, win over the environment.
    public struct Overrides: Sendable {
        public var databaseURL: String?
        public var minConnections: String?
        public var maxConnections: String?
        public var auditPath: String?
        public init(databaseURL: String? = nil, minConnections: String? = nil, maxConnections: String? = nil, auditPath: String? = nil) {
            self.databaseURL = databaseURL
            self.minConnections = minConnections
            self.maxConnections = maxConnections
            self.auditPath = auditPath
        }
    }

    public init(databaseURL: String, minConnections: Int, maxConnections: Int, auditPath: String) {
        self.databaseURL = databaseURL
        self.minConnections = minConnections
        self.maxConnections = maxConnections
        self.auditPath = auditPath
    }

    /// Reads `DB_POSTGRES_URL`, `DB_POSTGRES_MIN_CONN`, `DB_POSTGRES_MAX_CONN` and `GOVERNANCE_AUDIT_JSONL`.
    public static func load(environment: [String: String], overrides: Overrides = .init()) throws(ConfigurationError) -> Self {
        let urlSource = overrides.databaseURL != nil ? "--database-url" : "DB_POSTGRES_URL"
        guard let url = nonEmpty(overrides.databaseURL ?? environment["DB_POSTGRES_URL"]) else {
            throw .missingDatabaseURL
        }
        if let problem = conninfoProblem(url) {
            throw .invalidDatabaseURL(source: urlSource, detail: problem)
        }
        let minimum = try count(overrides.minConnections, flag: "--min-connections", environment, "DB_POSTGRES_MIN_CONN", defaultMinConnections)
        let maximum = try count(overrides.maxConnections, flag: "--max-connections", environment, "DB_POSTGRES_MAX_CONN", defaultMaxConnections)
        guard minimum <= maximum else { throw .minAboveMax(min: minimum, max: maximum) }
        let audit = nonEmpty(overrides.auditPath ?? environment["GOVERNANCE_AUDIT_JSONL"]) ?? defaultAuditPath
        return Self(databaseURL: url, minConnections: minimum, maxConnections: maximum, auditPath: audit)
    }

    /// libpq's own parser decides what a valid conninfo is (URIs, key=value strings, multi-host lists).
    static func conninfoProblem(_ conninfo: String) -> String? {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &message) else {
            defer { if let message { PQfreemem(message) } }
            let text = message.map { String(cString: $0) } ?? "libpq could not parse it"
            return text.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        PQconninfoFree(options)
        return nil
    }

    private static func count(
        _ flagValue: String?, flag: String, _ environment: [String: String], _ variable: String, _ fallback: Int
    ) throws(ConfigurationError) -> Int {
        let (text, source) = flagValue.map { ($0, flag) } ?? (environment[variable], variable)
        guard let text = nonEmpty(text) else { return fallback }
        guard let value = Int(text.trimmingSpaces), value >= 1 else {
            throw .invalidConnectionCount(source: source, value: text)
        }
        return value
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingSpaces.isEmpty else { return nil }
        return text
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
