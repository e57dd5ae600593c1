import Foundation
import GovernanceCore

/// One observation fed to the verdict engine: from a stored summary or an MCP check-in.
struct MonitorObservation: Sendable {
    var recordedAt: Double
    var summaryID: String?
    var E: Double
    var I: Double
    var S: Double
    var V: Double
    var complexity: Double
    var ethicalDrift: [Double]
}

/// The per-agent monitor as rows: `core.monitor_state` (the engine's memory) and `core.agent_state` (one row per
/// observation). Callers hold `pg_advisory_xact_lock(hashtext(agent))` inside their transaction, so two requests for the
/// same agent run this one after the other and the update count always equals the observations applied.
enum AgentMonitor {
    struct Loaded {
        var state: MonitorState
        var updateCount: Int
        var lastRecordedAt: Double?
        var lastAction: String?
    }

    /// Serializes writers of one agent until the transaction ends.
    static func lock(_ agentID: UUID, on connection: PostgresConnection) throws(PostgresError) {
        try connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", [agentID.uuidString.lowercased()])
    }

    static func load(_ agentID: UUID, on connection: PostgresConnection) throws(PostgresError) -> Loaded {
        let rows = try connection.query(
            """
            SELECT state::text AS state, update_count, extract(epoch FROM last_recorded_at)::float8 AS last_recorded_at, last_action
            FROM core.monitor_state WHERE agent_id = $1
            """, [agentID.uuidString])
        guard rows.count == 1 else { return Loaded(state: VerdictStep.initialState, updateCount: 0, lastRecordedAt: nil, lastAction: nil) }
        let text = try rows[0].string("state")
        guard let state = try? JSONDecoder().decode(MonitorState.self, from: Data(text.utf8)) else {
            throw .decoding(column: "monitor_state.state", detail: "not a MonitorState this host understands")
        }
        return Loaded(
            state: state, updateCount: try rows[0].int("update_count"),
            lastRecordedAt: try rows[0].text("last_recorded_at").flatMap(Double.init), lastAction: try rows[0].text("last_action"))
    }

    /// Runs the engine over `observations` in order, writes one agent_state row each and saves the new memory.
    /// Returns the last verdict (nil when there was nothing to apply).
    static func apply(
        _ observations: [MonitorObservation], agentID: UUID, loaded: Loaded, on connection: PostgresConnection
    ) throws(PostgresError) -> (verdict: BridgeVerdict, previousAction: String?)? {
        guard !observations.isEmpty else { return nil }
        var current = loaded
        var stateRows: [StateRow] = []
        var last: BridgeVerdict?
        for observation in observations {
            let elapsed = current.lastRecordedAt.map { max(0, observation.recordedAt - $0) } ?? 0
            let step = VerdictStep.apply(state: current.state, observation: observation, elapsedSeconds: elapsed)
            current.state = step.state
            current.updateCount += 1
            current.lastRecordedAt = max(current.lastRecordedAt ?? observation.recordedAt, observation.recordedAt)
            last = step.verdict
            stateRows.append(
                StateRow(
                    recorded_at: RFC3339.format(secondsSince1970: observation.recordedAt), summary_id: observation.summaryID,
                    e: step.verdict.E, i: step.verdict.I, s: step.verdict.S, v: step.verdict.V, coherence: step.verdict.coherence,
                    risk: step.verdict.risk, verdict: step.verdict.verdict.rawValue, action: step.verdict.action.rawValue,
                    margin: step.verdict.margin.rawValue, reason: step.verdict.reason, regime: step.regime, state: step.details))
        }
        try connection.query(
            """
            INSERT INTO core.agent_state (agent_id, recorded_at, summary_id, e, i, s, v, coherence, risk, verdict, action, margin, reason, regime, state)
            SELECT $1, recorded_at, summary_id, e, i, s, v, coherence, risk, verdict, action, margin, reason, regime, coalesce(state, '{}'::jsonb)
            FROM jsonb_to_recordset($2::jsonb) AS x(
                recorded_at timestamptz, summary_id uuid, e float8, i float8, s float8, v float8, coherence float8, risk float8,
                verdict text, action text, margin text, reason text, regime text, state jsonb)
            """, [agentID.uuidString, GovernanceJSON.text(stateRows)])
        let stateText = String(decoding: (try? JSONEncoder().encode(current.state)) ?? Data("{}".utf8), as: UTF8.self)
        try connection.query(
            """
            INSERT INTO core.monitor_state (agent_id, state, update_count, last_recorded_at, last_action, updated_at)
            VALUES ($1, $2::jsonb, $3, to_timestamp($4::float8), $5, now())
            ON CONFLICT (agent_id) DO UPDATE SET state = excluded.state, update_count = excluded.update_count,
                last_recorded_at = excluded.last_recorded_at, last_action = excluded.last_action, updated_at = now()
            """,
            [agentID.uuidString, stateText, String(current.updateCount), current.lastRecordedAt.map { String($0) }, last?.action.rawValue])
        guard let last else { return nil }
        return (last, loaded.lastAction)
    }

    /// The latest stored verdict of an agent (for a batch that was all duplicates).
    static func latestVerdict(_ agentID: UUID, on connection: PostgresConnection) throws(PostgresError) -> BridgeVerdict? {
        let rows = try connection.query(
            """
            SELECT action, margin, reason, risk, coherence, e, i, s, v, verdict FROM core.agent_state
            WHERE agent_id = $1 ORDER BY id DESC LIMIT 1
            """, [agentID.uuidString])
        guard rows.count == 1 else { return nil }
        let row = rows[0]
        guard let action = GovernanceAction(rawValue: try row.string("action")), let margin = MarginClass(rawValue: try row.string("margin")),
            let verdict = RiskVerdict(rawValue: try row.string("verdict"))
        else { throw .decoding(column: "agent_state.action/margin/verdict", detail: "unknown value") }
        return BridgeVerdict(
            action: action, margin: margin, reason: try row.string("reason"), risk: try row.double("risk"),
            coherence: try row.double("coherence"), E: try row.double("e"), I: try row.double("i"), S: try row.double("s"),
            V: try row.double("v"), verdict: verdict)
    }

    private struct StateRow: Encodable {
        var recorded_at: String
        var summary_id: String?
        var e, i, s, v, coherence, risk: Double
        var verdict, action, margin, reason, regime: String
        var state: JSONPayload
    }
}
