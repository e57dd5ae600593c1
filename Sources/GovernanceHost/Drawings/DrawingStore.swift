import Foundation
import SHA256Digest

/// Uploaded drawings in `core.drawings`: one row per (agent, SHA-256), written by one INSERT so a row is whole or absent.
public enum DrawingStore {
    /// Stores the PNG unless this agent already has it; returns true when a row was added. The audit event is written
    /// in the same transaction, only for a new drawing (a retry adds nothing).
    public static func store(
        png: [UInt8], sha256: String, header: PNGHeader, metadata: DrawingMetadata, agentID: UUID,
        audit: AuditTrail, on connection: PostgresConnection, now: Date = Date()
    ) throws(PostgresError) -> Bool {
        try connection.transaction { (connection) throws(PostgresError) in
            let inserted = try connection.query(
                """
                INSERT INTO core.drawings (agent_id, sha256, png, byte_size, width, height, era, marks, pixels, completion, finished_at)
                VALUES ($1, $2, decode($3, 'hex'), $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (agent_id, sha256) DO NOTHING
                """,
                [
                    agentID.uuidString, sha256, Hex.encode(png), String(png.count), String(header.width), String(header.height),
                    metadata.era, String(metadata.marks), String(metadata.pixels), metadata.completion, UTCTime.format(metadata.finishedAt),
                ]).affected == 1
            guard inserted else { return false }
            do throws(AuditError) {
                try audit.record(
                    AuditEvent(
                        timestamp: now, agentID: agentID, eventType: "drawing_received",
                        payload: .object([
                            "sha256": .string(sha256), "bytes": .number(Double(png.count)), "era": .string(metadata.era),
                            "marks": .number(Double(metadata.marks)), "completion": .string(metadata.completion),
                        ])),
                    on: connection)
            } catch {
                throw AgentStore.asPostgres(error)
            }
            return true
        }
    }

    /// The newest `limit` drawings of an agent (metadata only), newest first.
    public static func list(agentID: UUID, limit: Int, on connection: PostgresConnection) throws(PostgresError) -> [DrawingRecord] {
        let rows = try connection.query(
            """
            SELECT agent_id, sha256, byte_size, width, height, era, marks, pixels, completion,
                   \(UTCTime.sql("finished_at")), \(UTCTime.sql("received_at"))
            FROM core.drawings WHERE agent_id = $1 ORDER BY finished_at DESC, sha256 LIMIT $2
            """, [agentID.uuidString, String(limit)])
        return try rows.rows.map(record)
    }

    /// The newest drawing per agent, for the fleet page (one query, not one per agent).
    public static func latestPerAgent(on connection: PostgresConnection) throws(PostgresError) -> [String: DrawingRecord] {
        let rows = try connection.query(
            """
            SELECT DISTINCT ON (agent_id) agent_id, sha256, byte_size, width, height, era, marks, pixels, completion,
                   \(UTCTime.sql("finished_at")), \(UTCTime.sql("received_at"))
            FROM core.drawings ORDER BY agent_id, finished_at DESC, sha256
            """)
        var latest: [String: DrawingRecord] = [:]
        for row in rows.rows {
            let drawing = try record(row)
            latest[drawing.agentID] = drawing
        }
        return latest
    }

    /// One drawing's metadata by hash (any agent: equal hashes are equal bytes).
    public static func find(sha256: String, on connection: PostgresConnection) throws(PostgresError) -> DrawingRecord? {
        let rows = try connection.query(
            """
            SELECT agent_id, sha256, byte_size, width, height, era, marks, pixels, completion,
                   \(UTCTime.sql("finished_at")), \(UTCTime.sql("received_at"))
            FROM core.drawings WHERE sha256 = $1 ORDER BY received_at LIMIT 1
            """, [sha256])
        return try rows.rows.first.map(record)
    }

    /// The PNG bytes by hash, nil when no agent uploaded it.
    public static func png(sha256: String, on connection: PostgresConnection) throws(PostgresError) -> [UInt8]? {
        let rows = try connection.query("SELECT encode(png, 'base64') AS png FROM core.drawings WHERE sha256 = $1 LIMIT 1", [sha256])
        guard let first = rows.rows.first else { return nil }
        // PostgreSQL's base64 output is wrapped at 76 characters.
        let text = try first.string("png").filter { !$0.isNewline }
        guard let data = Data(base64Encoded: text) else { throw .decoding(column: "png", detail: "not base64") }
        return Array(data)
    }

    private static func record(_ row: PostgresRow) throws(PostgresError) -> DrawingRecord {
        DrawingRecord(
            agentID: try row.string("agent_id"), sha256: try row.string("sha256"), bytes: try row.int("byte_size"),
            width: try row.int("width"), height: try row.int("height"), era: try row.string("era"), marks: try row.int("marks"),
            pixels: try row.int("pixels"), completion: try row.string("completion"), finishedAt: try row.string("finished_at"),
            receivedAt: try row.string("received_at"))
    }

    /// True for 64 lower-case hex digits (how hashes appear in paths).
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// One stored drawing's metadata.
public struct DrawingRecord: Sendable, Equatable, Codable {
    public var agentID: String
    public var sha256: String
    public var bytes: Int
    public var width: Int
    public var height: Int
    public var era: String
    public var marks: Int
    public var pixels: Int
    public var completion: String
    public var finishedAt: String
    public var receivedAt: String

    enum CodingKeys: String, CodingKey {
        case agentID = "agent_id", sha256, bytes, width, height, era, marks, pixels, completion
        case finishedAt = "finished_at", receivedAt = "received_at"
    }
}
