import Foundation

/// The reads behind the dashboard pages: each a bounded query on one connection.
enum DashboardQueries {
    /// The mean of the four anima dimensions of each agent's newest `points` summaries, oldest → newest, keyed by agent
    /// id: one LATERAL query using the (agent, recorded_at) index, not one query per agent.
    static func animaSparklines(points: Int, on connection: PostgresConnection) throws(PostgresError) -> [String: [(x: Double, y: Double)]] {
        let rows = try connection.query(
            """
            SELECT a.id AS agent_id, string_agg(extract(epoch FROM s.recorded_at)::bigint::text || ':' ||
                   ((s.warmth + s.clarity + s.stability + s.presence) * 250)::int::text, ',' ORDER BY s.recorded_at) AS series
            FROM core.agents a
            CROSS JOIN LATERAL (SELECT recorded_at, warmth, clarity, stability, presence FROM core.summaries
                                WHERE agent_id = a.id ORDER BY recorded_at DESC LIMIT $1) s
            GROUP BY a.id
            """, [String(points)])
        var result: [String: [(x: Double, y: Double)]] = [:]
        for row in rows.rows {
            // y comes in thousandths (integers print far faster than floats in PostgreSQL): back to 0…1.
            result[try row.string("agent_id")] = parsePairs(try row.string("series")).map { ($0.x, $0.y / 1000) }
        }
        return result
    }

    /// One agent's anima (warmth, clarity, stability, presence) over the `seconds` that end at its newest summary (not
    /// at the host's now: an offline device, or one whose clock runs elsewhere, still shows its last day), at most 2000.
    static func anima(agentID: UUID, seconds: Int, on connection: PostgresConnection) throws(PostgresError) -> [[(x: Double, y: Double)]] {
        let rows = try connection.query(
            """
            SELECT extract(epoch FROM recorded_at)::text AS t, warmth, clarity, stability, presence FROM (
                SELECT * FROM core.summaries WHERE agent_id = $1 AND recorded_at >
                    (SELECT max(recorded_at) FROM core.summaries WHERE agent_id = $1) - make_interval(secs => $2)
                ORDER BY recorded_at DESC LIMIT 2000) newest ORDER BY recorded_at
            """, [agentID.uuidString, String(seconds)])
        var series: [[(x: Double, y: Double)]] = [[], [], [], []]
        for row in rows.rows {
            let t = Double(try row.string("t")) ?? .nan
            for (index, column) in ["warmth", "clarity", "stability", "presence"].enumerated() {
                series[index].append((t, try row.double(column)))
            }
        }
        return series
    }

    /// One agent's verdict rows over the `seconds` that end at its newest one, at most 2000, oldest → newest.
    static func states(agentID: UUID, seconds: Int, on connection: PostgresConnection) throws(PostgresError) -> [(t: Double, record: AgentStateRecord)] {
        let history = try AgentStore.history(agentID, limit: 2000, on: connection)
        let newest = history.compactMap { UTCTime.parse($0.recordedAt)?.timeIntervalSince1970 }.max() ?? Date().timeIntervalSince1970
        let cutoff = newest - Double(seconds)
        return history.compactMap { record in
            guard let date = UTCTime.parse(record.recordedAt), date.timeIntervalSince1970 > cutoff else { return nil }
            return (date.timeIntervalSince1970, record)
        }
    }

    /// The agent's newest audit events.
    static func auditEvents(agentID: UUID, limit: Int, on connection: PostgresConnection) throws(PostgresError) -> [(ts: String, type: String, payload: String)] {
        let rows = try connection.query(
            """
            SELECT \(UTCTime.sql("ts")), event_type, left(payload::text, 300) AS payload FROM audit.events
            WHERE agent_id = $1 ORDER BY ts DESC LIMIT $2
            """, [agentID.uuidString, String(limit)])
        return try rows.rows.map { row throws(PostgresError) in (try row.string("ts"), try row.string("event_type"), try row.string("payload")) }
    }

    private static func parsePairs(_ text: String) -> [(x: Double, y: Double)] {
        text.split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]) else { return nil }
            return (x, y)
        }
    }
}
