import Foundation

/// Device and operator tokens in PostgreSQL: created (returning the token once), looked up by hash, revoked.
public enum TokenStore {
    /// Resolves a presented token; nil when it is unknown or revoked. `last_used_at` is refreshed at most once a minute
    /// so authentication stays a read on the hot path.
    public static func authenticate(_ token: String, on connection: PostgresConnection) throws(PostgresError) -> Principal? {
        let rows = try connection.query(
            """
            WITH device AS (
                UPDATE core.device_tokens SET last_used_at = now()
                WHERE token_hash = decode($1, 'hex') AND revoked_at IS NULL
                  AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                RETURNING id)
            SELECT 'device' AS kind, id, agent_id FROM core.device_tokens
             WHERE token_hash = decode($1, 'hex') AND revoked_at IS NULL
            UNION ALL
            SELECT 'operator', id, NULL FROM core.operator_tokens
             WHERE token_hash = decode($1, 'hex') AND revoked_at IS NULL
            """, [AccessToken.hashHex(token)])
        guard rows.count > 0 else { return nil }
        let row = rows[0]
        guard let id = UUID(uuidString: try row.string("id")) else { throw .decoding(column: "id", detail: "not a uuid") }
        if try row.string("kind") == "operator" { return .operator(tokenID: id) }
        guard let agent = UUID(uuidString: try row.string("agent_id")) else { throw .decoding(column: "agent_id", detail: "not a uuid") }
        return .device(agentID: agent, tokenID: id)
    }

    /// Issues a device token for an agent; returns (token id, token). The token is not recoverable afterwards.
    public static func createDeviceToken(agentID: UUID, on connection: PostgresConnection) throws(PostgresError) -> (id: UUID, token: String) {
        let id = UUID()
        let token = AccessToken.generate()
        try connection.query(
            "INSERT INTO core.device_tokens (id, token_hash, agent_id) VALUES ($1, decode($2, 'hex'), $3)",
            [id.uuidString, AccessToken.hashHex(token), agentID.uuidString])
        return (id, token)
    }

    public static func createOperatorToken(label: String, on connection: PostgresConnection) throws(PostgresError) -> (id: UUID, token: String) {
        let id = UUID()
        let token = AccessToken.generate()
        try connection.query(
            "INSERT INTO core.operator_tokens (id, token_hash, label) VALUES ($1, decode($2, 'hex'), $3)",
            [id.uuidString, AccessToken.hashHex(token), label])
        return (id, token)
    }

    /// Revokes by token id (a uuid) or by the token itself; returns how many tokens were revoked (0 = none matched).
    public static func revoke(_ tokenOrID: String, on connection: PostgresConnection) throws(PostgresError) -> [RevokedToken] {
        let byID = UUID(uuidString: tokenOrID) != nil
        let match = byID ? "id = $1::uuid" : "token_hash = decode($1, 'hex')"
        let key = byID ? tokenOrID : AccessToken.hashHex(tokenOrID)
        let rows = try connection.query(
            """
            WITH d AS (UPDATE core.device_tokens SET revoked_at = now() WHERE \(match) AND revoked_at IS NULL RETURNING id, agent_id),
                 o AS (UPDATE core.operator_tokens SET revoked_at = now() WHERE \(match) AND revoked_at IS NULL RETURNING id)
            SELECT id, agent_id, 'device' AS kind FROM d UNION ALL SELECT id, NULL, 'operator' FROM o
            """, [key])
        return try rows.rows.map { row throws(PostgresError) in
            RevokedToken(id: try row.string("id"), agentID: try row.text("agent_id"), kind: try row.string("kind"))
        }
    }

    public struct RevokedToken: Sendable, Equatable {
        public var id: String
        public var agentID: String?
        public var kind: String
    }
}
