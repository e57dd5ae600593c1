import Foundation

/// Agents and what the host knows about them, read and written with parameterized SQL on a caller's connection.
public enum AgentStore {
    /// Creates an agent and its first device token in one transaction, audited. Returns the agent id and the token
    /// (shown once). A label another agent has (ignoring case) is refused.
    public static func create(
        label: AgentLabel, audit: AuditTrail, on connection: PostgresConnection, now: Date = Date()
    ) throws(AgentStoreError) -> (agentID: UUID, tokenID: UUID, token: String) {
        let outcome: Result<(agentID: UUID, tokenID: UUID, token: String), AgentLabelError>
        do throws(PostgresError) {
            // A refused label is found before anything is written, so that transaction commits empty.
            outcome = try connection.transaction { (connection) throws(PostgresError) in
                let agentID = UUID()
                if let problem = try claim(label, for: agentID, on: connection) { return .failure(problem) }
                try connection.query("INSERT INTO core.agents (id, label) VALUES ($1, $2)", [agentID.uuidString, label.text])
                let (tokenID, token) = try TokenStore.createDeviceToken(agentID: agentID, on: connection)
                do throws(AuditError) {
                    try audit.record(
                        AuditEvent(
                            timestamp: now, agentID: agentID, eventType: "token_created",
                            payload: .object(["label": .string(label.text), "token_id": .string(tokenID.uuidString.lowercased()), "kind": .string("device")])),
                        on: connection)
                } catch {
                    throw Self.asPostgres(error)
                }
                return .success((agentID, tokenID, token))
            }
        } catch {
            throw .database(error)
        }
        switch outcome {
        case let .success(created): return created
        case let .failure(problem): throw .label(problem)
        }
    }

    /// Inside the caller's transaction: nil when `label` is free for `agentID` (or already its own), else `.taken`.
    /// Concurrent claims of one label wait for each other (a transaction-scoped advisory lock on the lowercased label),
    /// so two devices cannot both pass the check; the unique index of migration 5 is the backstop.
    public static func claim(_ label: AgentLabel, for agentID: UUID, on connection: PostgresConnection) throws(PostgresError) -> AgentLabelError? {
        try connection.query("SELECT pg_advisory_xact_lock(hashtext('agent-label:' || lower($1)))", [label.text])
        let holders = try connection.query(
            "SELECT id FROM core.agents WHERE lower(label) = lower($1) AND id <> $2", [label.text, agentID.uuidString])
        return holders.count == 0 ? nil : .taken(label.text)
    }

    /// Inside the caller's transaction: gives the agent a new label and audits the rename (`agent_renamed`: from, to,
    /// and `by`, who asked). Returns the refusal when another agent has the label; a rename to the current label
    /// changes and audits nothing.
    public static func rename(
        _ agentID: UUID, to label: AgentLabel, by actor: JSONPayload, audit: AuditTrail, on connection: PostgresConnection,
        now: Date = Date()
    ) throws(PostgresError) -> AgentLabelError? {
        if let problem = try claim(label, for: agentID, on: connection) { return problem }
        let current = try connection.query("SELECT label FROM core.agents WHERE id = $1 FOR UPDATE", [agentID.uuidString])
        guard current.count == 1 else { throw .decoding(column: "id", detail: "agent \(agentID) does not exist") }
        let previous = try current[0].string("label")
        guard previous != label.text else { return nil }
        try connection.query("UPDATE core.agents SET label = $2, updated_at = now() WHERE id = $1", [agentID.uuidString, label.text])
        do throws(AuditError) {
            try audit.record(
                AuditEvent(
                    timestamp: now, agentID: agentID, eventType: "agent_renamed",
                    payload: .object(["from": .string(previous), "to": .string(label.text), "by": actor])),
                on: connection)
        } catch {
            throw asPostgres(error)
        }
        return nil
    }

    /// Looks an agent up by id, or by label (ignoring case, as labels are unique that way): what an operator types.
    /// An id always wins, and no label can look like one (`AgentLabel`).
    public static func resolve(_ idOrLabel: String, on connection: PostgresConnection) throws(PostgresError) -> UUID? {
        if let id = UUID(uuidString: idOrLabel) {
            return try connection.query("SELECT id FROM core.agents WHERE id = $1", [id.uuidString]).count == 1 ? id : nil
        }
        let rows = try connection.query("SELECT id FROM core.agents WHERE lower(label) = lower($1)", [idOrLabel.trimmingCharacters(in: .whitespaces)])
        guard rows.count == 1 else { return nil }
        return UUID(uuidString: try rows[0].string("id"))
    }

    public static func list(on connection: PostgresConnection) throws(PostgresError) -> [AgentOverview] {
        try overviews(where: "TRUE", [], on: connection)
    }

    public static func overview(_ id: UUID, on connection: PostgresConnection) throws(PostgresError) -> AgentOverview? {
        try overviews(where: "a.id = $1", [id.uuidString], on: connection).first
    }

    /// agent_state rows, the newest `limit`, returned oldest → newest.
    public static func history(_ id: UUID, limit: Int, on connection: PostgresConnection) throws(PostgresError) -> [AgentStateRecord] {
        let rows = try connection.query(
            """
            SELECT * FROM (
                SELECT id AS row_id, \(UTCTime.sql("recorded_at")), recorded_at AS sort_at, summary_id, e, i, s, v, coherence, risk,
                       verdict, action, margin, reason, regime
                FROM core.agent_state WHERE agent_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT $2) newest
            ORDER BY sort_at, row_id
            """, [id.uuidString, String(limit)])
        return try rows.rows.map { row throws(PostgresError) in
            AgentStateRecord(
                recordedAt: try row.string("recorded_at"), summaryID: try row.text("summary_id"),
                E: try row.double("e"), I: try row.double("i"), S: try row.double("s"), V: try row.double("v"),
                coherence: try row.double("coherence"), risk: try row.double("risk"), verdict: try row.string("verdict"),
                action: try row.string("action"), margin: try row.string("margin"), reason: try row.string("reason"),
                regime: try row.string("regime"))
        }
    }

    /// The newest `limit` stored summaries as JSON objects shaped like the wire items, oldest → newest.
    public static func summariesJSON(_ id: UUID, limit: Int, on connection: PostgresConnection) throws(PostgresError) -> String {
        let rows = try connection.query(
            """
            SELECT coalesce(jsonb_agg(item ORDER BY recorded_at, id), '[]'::jsonb)::text AS items FROM (
                SELECT id, recorded_at, jsonb_build_object(
                    'id', id,
                    'recorded_at', to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'received_at', to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'anima', jsonb_build_object('warmth', warmth, 'clarity', clarity, 'stability', stability, 'presence', presence),
                    'eisv', jsonb_build_object('E', e, 'I', i, 'S', s, 'V', v),
                    'drawing', jsonb_build_object('era', era, 'arc_phase', arc_phase, 'marks', marks, 'pixels', pixels,
                        'E', drawing_e, 'I', drawing_i, 'S', drawing_s, 'V', drawing_v, 'C', drawing_c,
                        'curiosity', curiosity, 'engagement', engagement, 'fatigue', fatigue,
                        'drawings_completed', drawings_completed),
                    'identity', jsonb_build_object('awakenings', awakenings, 'alive_seconds', alive_seconds)) AS item
                FROM core.summaries WHERE agent_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT $2) newest
            """, [id.uuidString, String(limit)])
        return try rows[0].string("items")
    }

    private static func overviews(where condition: String, _ parameters: [String?], on connection: PostgresConnection) throws(PostgresError) -> [AgentOverview] {
        let rows = try connection.query(
            """
            SELECT a.id, a.label, a.status, \(UTCTime.sql("a.created_at")),
                   (SELECT count(*) FROM core.summaries s WHERE s.agent_id = a.id) AS summaries,
                   \(UTCTime.sql("m.updated_at", as: "last_seen")),
                   st.action, st.margin, st.verdict, st.reason, st.e, st.i, st.s, st.v, st.coherence, st.risk
            FROM core.agents a
            LEFT JOIN core.monitor_state m ON m.agent_id = a.id
            LEFT JOIN LATERAL (
                SELECT * FROM core.agent_state x WHERE x.agent_id = a.id ORDER BY x.id DESC LIMIT 1) st ON TRUE
            WHERE \(condition)
            ORDER BY a.label, a.id
            """, parameters)
        return try rows.rows.map { row throws(PostgresError) in
            AgentOverview(
                id: try row.string("id"), label: try row.string("label"), status: try row.string("status"),
                createdAt: try row.string("created_at"), summaries: try row.int("summaries"), lastSeen: try row.text("last_seen"),
                action: try row.text("action"), margin: try row.text("margin"), verdict: try row.text("verdict"),
                reason: try row.text("reason"), E: try row.text("e").flatMap(Double.init), I: try row.text("i").flatMap(Double.init),
                S: try row.text("s").flatMap(Double.init), V: try row.text("v").flatMap(Double.init),
                coherence: try row.text("coherence").flatMap(Double.init), risk: try row.text("risk").flatMap(Double.init))
        }
    }

    /// Audit failures inside a database transaction surface as database errors so the transaction rolls back.
    static func asPostgres(_ error: AuditError) -> PostgresError {
        if case let .database(inner) = error { return inner }
        return .server(sqlstate: "58030", message: error.description, detail: nil)  // io_error: the JSONL write failed
    }
}

/// Why `AgentStore.create` made nothing.
public enum AgentStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case label(AgentLabelError)
    case database(PostgresError)

    public var description: String {
        switch self {
        case let .label(problem): return problem.description
        case let .database(error): return error.description
        }
    }
}
