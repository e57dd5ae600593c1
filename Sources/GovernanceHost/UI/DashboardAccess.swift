import Foundation
import SHA256Digest

/// Read-only operator access to `/ui/`: a one-time login link (`governance-host dashboard-link`) is exchanged for a
/// session cookie. Only SHA-256 hashes of link and session secrets are stored, so a database copy signs nobody in.
public enum DashboardAccess {
    public static let cookieName = "anima_dashboard"
    /// How long a session lasts after the link was used.
    public static let sessionSeconds = 12 * 3600
    /// Longest link lifetime `dashboard-link --ttl` accepts.
    public static let maxLinkSeconds = 24 * 3600

    /// Creates a one-time link secret valid for `ttlSeconds`; `secureCookie` when the link's base URL is https.
    public static func createLink(agentID: UUID?, ttlSeconds: Int, secureCookie: Bool, on connection: PostgresConnection) throws(PostgresError) -> String {
        let secret = AccessToken.generate()
        try connection.query(
            """
            INSERT INTO core.dashboard_links (secret_hash, agent_id, expires_at, secure_cookie)
            VALUES (decode($1, 'hex'), $2, now() + make_interval(secs => $3), $4)
            """, [AccessToken.hashHex(secret), agentID?.uuidString, String(ttlSeconds), secureCookie ? "true" : "false"])
        return secret
    }

    /// What redeeming a link gives: the session secret for the cookie and where to go.
    public struct Login: Sendable, Equatable {
        public var sessionSecret: String
        public var agentID: String?
        public var secureCookie: Bool
    }

    /// Marks the link used and opens a session, in one transaction; nil when the link is unknown, used or expired.
    public static func redeem(linkSecret: String, on connection: PostgresConnection) throws(PostgresError) -> Login? {
        try connection.transaction { (connection) throws(PostgresError) -> Login? in
            let rows = try connection.query(
                """
                UPDATE core.dashboard_links SET used_at = now()
                WHERE secret_hash = decode($1, 'hex') AND used_at IS NULL AND expires_at > now()
                RETURNING agent_id, secure_cookie
                """, [AccessToken.hashHex(linkSecret)])
            guard let row = rows.rows.first else { return nil }
            let session = AccessToken.generate()
            try connection.query(
                "INSERT INTO core.dashboard_sessions (secret_hash, expires_at) VALUES (decode($1, 'hex'), now() + make_interval(secs => $2))",
                [AccessToken.hashHex(session), String(sessionSeconds)])
            return Login(sessionSecret: session, agentID: try row.text("agent_id"), secureCookie: try row.bool("secure_cookie"))
        }
    }

    /// True when the session secret names a live session.
    public static func isValidSession(_ secret: String, on connection: PostgresConnection) throws(PostgresError) -> Bool {
        try connection.query(
            "SELECT 1 FROM core.dashboard_sessions WHERE secret_hash = decode($1, 'hex') AND expires_at > now()",
            [AccessToken.hashHex(secret)]).count == 1
    }

    /// The session secret in a `Cookie` header, if any (64 hex digits; anything else is ignored).
    static func sessionSecret(cookieHeader: String?) -> String? {
        guard let cookieHeader else { return nil }
        for part in cookieHeader.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == cookieName, DrawingStore.isHash(pair[1]) { return pair[1] }
        }
        return nil
    }

    /// The `Set-Cookie` value for a new session.
    static func setCookie(_ login: Login) -> String {
        "\(cookieName)=\(login.sessionSecret); Path=/ui; Max-Age=\(sessionSeconds); HttpOnly; SameSite=Lax"
            + (login.secureCookie ? "; Secure" : "")
    }
}
