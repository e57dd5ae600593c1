import Foundation
import GovernanceCore

/// Stores one validated batch for one agent (spec §5.1), all or nothing, in one transaction:
/// lock the agent, insert the summaries `ON CONFLICT (id) DO NOTHING` (a retried id is a duplicate, not an error),
/// feed only the newly stored ones to the verdict engine in time order, write their agent_state rows and the new
/// monitor state, and audit the batch (JSONL line, then the audit.events row). A retry of the same batch stores nothing
/// and answers with the agent's latest verdict.
enum SummaryIngest {
    /// What ingest did with a batch.
    enum Outcome: Sendable, Equatable {
        case stored(SummaryResponse)
        /// A summary id another agent already stored (index in the batch): nothing of the batch was written, and the
        /// answer says nothing about that other agent.
        case idTaken(index: Int)
    }

    static func ingest(
        _ batch: SummaryBatch, agentID: UUID, audit: AuditTrail, on connection: PostgresConnection, now: Date = Date()
    ) throws(PostgresError) -> Outcome {
        try connection.transaction { (connection) throws(PostgresError) -> Outcome in
            try AgentMonitor.lock(agentID, on: connection)
            let ids = batch.summaries.map { $0.id.lowercased() }
            let taken = try connection.query(
                "SELECT id::text AS id FROM core.summaries WHERE id = ANY($1::uuid[]) AND agent_id <> $2 LIMIT 1",
                ["{" + ids.joined(separator: ",") + "}", agentID.uuidString])
            if let first = taken.rows.first, let index = ids.firstIndex(of: try first.string("id").lowercased()) {
                return .idTaken(index: index)
            }
            let inserted = try connection.query(
                """
                INSERT INTO core.summaries (id, agent_id, recorded_at, warmth, clarity, stability, presence, e, i, s, v,
                    era, arc_phase, marks, pixels, drawing_e, drawing_i, drawing_s, drawing_v, drawing_c, curiosity, engagement,
                    fatigue, drawings_completed, awakenings, alive_seconds)
                SELECT id, $1, recorded_at, warmth, clarity, stability, presence, e, i, s, v,
                    era, arc_phase, marks, pixels, drawing_e, drawing_i, drawing_s, drawing_v, drawing_c, curiosity, engagement,
                    fatigue, drawings_completed, awakenings, alive_seconds
                FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, recorded_at timestamptz, warmth float8, clarity float8,
                    stability float8, presence float8, e float8, i float8, s float8, v float8, era text, arc_phase text,
                    marks bigint, pixels bigint, drawing_e float8, drawing_i float8, drawing_s float8, drawing_v float8,
                    drawing_c float8, curiosity float8, engagement float8, fatigue float8, drawings_completed bigint,
                    awakenings bigint, alive_seconds float8)
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """, [agentID.uuidString, GovernanceJSON.text(batch.summaries.map(SummaryRow.init))])
            let newIDs = Set(try inserted.rows.map { row throws(PostgresError) in try row.string("id").lowercased() })
            let fresh = batch.summaries.filter { newIDs.contains($0.id.lowercased()) }
                .sorted { ($0.recordedAt, $0.id) < ($1.recordedAt, $1.id) }
            let duplicates = batch.summaries.count - fresh.count

            let loaded = try AgentMonitor.load(agentID, on: connection)
            let observations = fresh.map { summary in
                MonitorObservation(
                    recordedAt: summary.recordedAt, summaryID: summary.id, E: summary.eisv.E, I: summary.eisv.I, S: summary.eisv.S,
                    V: summary.eisv.V, complexity: VerdictStep.defaultComplexity, ethicalDrift: [0, 0, 0])
            }
            let applied = try AgentMonitor.apply(observations, agentID: agentID, loaded: loaded, on: connection)
            guard let applied else {
                guard let latest = try AgentMonitor.latestVerdict(agentID, on: connection) else {
                    throw .decoding(column: "agent_state", detail: "every summary was a duplicate of another agent's; nothing recorded for this agent")
                }
                return .stored(SummaryResponse(accepted: 0, duplicates: duplicates, verdict: latest))
            }
            let verdict = applied.verdict
            try record(
                AuditEvent(
                    timestamp: now, agentID: agentID, eventType: "summaries_accepted",
                    payload: .object([
                        "accepted": .number(Double(fresh.count)), "duplicates": .number(Double(duplicates)),
                        "first_id": .string(fresh.first?.id ?? ""), "last_id": .string(fresh.last?.id ?? ""),
                        "action": .string(verdict.action.rawValue), "margin": .string(verdict.margin.rawValue),
                    ])),
                audit, connection)
            if let previous = applied.previousAction, previous != verdict.action.rawValue {
                try record(
                    AuditEvent(
                        timestamp: now, agentID: agentID, eventType: "verdict_changed",
                        payload: .object([
                            "from": .string(previous), "to": .string(verdict.action.rawValue), "reason": .string(verdict.reason),
                            "risk": .number(verdict.risk),
                        ])),
                    audit, connection)
            }
            return .stored(SummaryResponse(accepted: fresh.count, duplicates: duplicates, verdict: verdict))
        }
    }

    static func record(_ event: AuditEvent, _ audit: AuditTrail, _ connection: PostgresConnection) throws(PostgresError) {
        do {
            try audit.record(event, on: connection)
        } catch {
            throw AgentStore.asPostgres(error)
        }
    }

    /// The flat row `jsonb_to_recordset` reads: one parameter carries the whole batch, so a batch of 100 is one statement.
    private struct SummaryRow: Encodable {
        var id: String
        var recorded_at: String
        var warmth, clarity, stability, presence, e, i, s, v: Double
        var era, arc_phase: String
        var marks, pixels: Int
        var drawing_e, drawing_i, drawing_s, drawing_v, drawing_c, curiosity, engagement, fatigue: Double
        var drawings_completed, awakenings: Int
        var alive_seconds: Double

        init(_ summary: Summary) {
            id = summary.id
            recorded_at = RFC3339.format(secondsSince1970: summary.recordedAt)
            warmth = summary.anima.warmth
            clarity = summary.anima.clarity
            stability = summary.anima.stability
            presence = summary.anima.presence
            e = summary.eisv.E
            i = summary.eisv.I
            s = summary.eisv.S
            v = summary.eisv.V
            era = summary.drawing.era
            arc_phase = summary.drawing.arcPhase
            marks = summary.drawing.marks
            pixels = summary.drawing.pixels
            drawing_e = summary.drawing.E
            drawing_i = summary.drawing.I
            drawing_s = summary.drawing.S
            drawing_v = summary.drawing.V
            drawing_c = summary.drawing.C
            curiosity = summary.drawing.curiosity
            engagement = summary.drawing.engagement
            fatigue = summary.drawing.fatigue
            drawings_completed = summary.drawing.drawingsCompleted
            awakenings = summary.identity.awakenings
            alive_seconds = summary.identity.aliveSeconds
        }
    }
}
