import Foundation

/// How the HTTP server is exposed and what it accepts.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// Lets `/mcp` run without a token (agents are then named only by `client_session_id`). Off unless the operator
    /// asks for it with `--allow-anonymous-mcp`.
    public var allowAnonymousMCP: Bool
    /// Most summaries in one batch (413 above).
    public var maxBatchItems: Int
    /// When set, the server speaks HTTPS only, with this certificate (reloaded on SIGHUP).
    public var tls: TLSCertificates?
    /// A connection without a complete request head for this long is closed: idle keep-alive connections, and
    /// clients that send half a head. Also the longest a request body may pause.
    public var idleTimeout: Duration
    /// A request body must arrive in full within this long of its head (a trickle cannot hold a request open).
    public var bodyTimeout: Duration
    /// Most HTTP connections open at once (`ConnectionRoster`): past it the connections idle longest are closed to make
    /// room, never a busy one — not exhausting file descriptors, nor queueing /health behind idle sockets.
    public var maxConnections: Int

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8767
    public static let defaultIdleTimeout = Duration.seconds(15)
    public static let defaultBodyTimeout = Duration.seconds(60)
    public static let defaultMaxConnections = 512

    public init(
        host: String = defaultHost, port: Int = defaultPort, allowAnonymousMCP: Bool = false,
        maxBatchItems: Int = 1000, tls: TLSCertificates? = nil, idleTimeout: Duration = defaultIdleTimeout,
        bodyTimeout: Duration = defaultBodyTimeout, maxConnections: Int = defaultMaxConnections
    ) {
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnections = maxConnections
        self.tls = tls
        self.host = host
        self.port = port
        self.allowAnonymousMCP = allowAnonymousMCP
        self.maxBatchItems = maxBatchItems
    }
}

/// What every route handler needs: the pool, the audit trail, the options, and facts for `/health`.
public struct HostServices: Sendable {
    public let pool: PostgresPool
    public let audit: AuditTrail
    public let options: ServerOptions
    public let schemaVersion: Int
    let started: ContinuousClock.Instant

    public init(pool: PostgresPool, audit: AuditTrail, options: ServerOptions, schemaVersion: Int) {
        self.pool = pool
        self.audit = audit
        self.options = options
        self.schemaVersion = schemaVersion
        self.started = .now
    }

    var uptimeSeconds: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
