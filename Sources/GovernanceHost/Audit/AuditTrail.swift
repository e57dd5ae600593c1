import Logging
import Foundation

/// Writes audit events (spec §4): the `audit.events` row on the caller's connection — usually inside the request's
/// transaction, so the row commits with the change it describes — and, once that commit succeeded, the JSONL line.
/// If PostgreSQL fails after the line, `replay` restores the row later; `event_id` keeps both sides free of duplicates.
public struct AuditTrail: Sendable {
    public let log: AuditLog

    public init(log: AuditLog) {
        self.log = log
    }

    /// Inserts the event's row, then appends its JSONL line once the surrounding transaction has committed (at once
    /// outside one). The file therefore never holds a line whose row was rolled back — a failed commit and the
    /// client's retry once left two lines for one batch, and `audit replay` turned the extra one into a false record.
    /// A line that cannot be written after the commit is logged; the table, which `audit replay` fills from the file,
    /// stays the record.
    public func record(_ event: AuditEvent, on connection: PostgresConnection) throws(AuditError) {
        do {
            try Self.insert(event, on: connection)
        } catch {
            throw .database(error)
        }
        let log = self.log
        connection.afterCommit {
            do {
                try log.append(event)
            } catch {
                Logger(label: "governance-host.audit").error("audit event \(event.eventID) is in audit.events but its JSONL line could not be written: \(error)")
            }
        }
    }

    /// Inserts the row unless its event_id is already there; returns whether it was new.
    @discardableResult
    static func insert(_ event: AuditEvent, on connection: PostgresConnection) throws(PostgresError) -> Bool {
        let inserted = try connection.query(
            """
            INSERT INTO audit.events (event_id, ts, agent_id, event_type, confidence, payload)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (event_id) DO NOTHING
            """,
            [
                event.eventID.uuidString, UTCTime.format(event.timestamp), event.agentID?.uuidString, event.eventType,
                event.confidence.map { String($0) }, event.payload.jsonText,
            ])
        return inserted.affected == 1
    }

    /// Loads a JSONL file into `audit.events`, skipping events already there. Safe to run any number of times.
    public static func replay(path: String, on connection: PostgresConnection) throws(AuditError) -> (inserted: Int, alreadyPresent: Int) {
        let events = try AuditLog.read(path: path)
        do {
            return try connection.transaction { (connection) throws(PostgresError) in
                var inserted = 0
                for event in events where try insert(event, on: connection) { inserted += 1 }
                return (inserted, events.count - inserted)
            }
        } catch {
            throw .database(error)
        }
    }

    /// The newest `limit` events, returned oldest first.
    public static func tail(limit: Int, on connection: PostgresConnection) throws(PostgresError) -> [AuditEvent] {
        let rows = try connection.query(
            """
            SELECT * FROM (
                SELECT event_id, \(UTCTime.sql("ts")), agent_id, event_type, confidence, payload::text AS payload, ts AS sort_ts
                FROM audit.events ORDER BY ts DESC, event_id LIMIT $1) newest
            ORDER BY sort_ts, event_id
            """, [String(limit)])
        return try rows.rows.map { row throws(PostgresError) in
            guard let id = UUID(uuidString: try row.string("event_id")), let ts = UTCTime.parse(try row.string("ts")) else {
                throw .decoding(column: "event_id/ts", detail: "not a uuid or time")
            }
            return AuditEvent(
                eventID: id, timestamp: ts, agentID: try row.text("agent_id").flatMap(UUID.init(uuidString:)),
                eventType: try row.string("event_type"), confidence: try row.text("confidence").flatMap(Double.init),
                payload: JSONPayload.parse(Data(try row.string("payload").utf8)) ?? .null)
        }
    }
}
