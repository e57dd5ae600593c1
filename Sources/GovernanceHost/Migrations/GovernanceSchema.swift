/// The host's schema (spec §3), as an ordered list of migrations. Append new migrations; never edit an applied one.
///
/// Every timestamp is `timestamptz`; the host reads them back formatted in UTC with a `Z`.
public enum GovernanceSchema {
    public static let migrations: [Migration] = [
        createCoreTables, createAuditAndCalibration, verdictsInArrivalOrder, DashboardSchema.createDrawingsAndDashboard,
        uniqueAgentLabels,
    ]

    static let createCoreTables = Migration(
        version: 1, name: "create_core_tables",
        statements: [
            """
            CREATE TABLE core.agents (
                id uuid PRIMARY KEY,
                label text NOT NULL,
                status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
                metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now())
            """,
            // Only the SHA-256 of a token is stored; the token itself is shown once at creation.
            """
            CREATE TABLE core.device_tokens (
                id uuid PRIMARY KEY,
                token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
                agent_id uuid NOT NULL REFERENCES core.agents (id),
                created_at timestamptz NOT NULL DEFAULT now(),
                last_used_at timestamptz,
                revoked_at timestamptz)
            """,
            "CREATE INDEX device_tokens_agent ON core.device_tokens (agent_id)",
            """
            CREATE TABLE core.operator_tokens (
                id uuid PRIMARY KEY,
                token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
                label text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                last_used_at timestamptz,
                revoked_at timestamptz)
            """,
            // The MCP path names its agent by client_session_id ("lumen-<creature id>").
            """
            CREATE TABLE core.sessions (
                client_session_id text PRIMARY KEY,
                agent_id uuid NOT NULL REFERENCES core.agents (id),
                created_at timestamptz NOT NULL DEFAULT now(),
                last_seen_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE core.summaries (
                id uuid PRIMARY KEY,
                agent_id uuid NOT NULL REFERENCES core.agents (id),
                recorded_at timestamptz NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now(),
                warmth double precision NOT NULL,
                clarity double precision NOT NULL,
                stability double precision NOT NULL,
                presence double precision NOT NULL,
                e double precision NOT NULL,
                i double precision NOT NULL,
                s double precision NOT NULL,
                v double precision NOT NULL,
                era text NOT NULL,
                arc_phase text NOT NULL,
                marks bigint NOT NULL,
                pixels bigint NOT NULL,
                drawing_e double precision NOT NULL,
                drawing_i double precision NOT NULL,
                drawing_s double precision NOT NULL,
                drawing_v double precision NOT NULL,
                drawing_c double precision NOT NULL,
                curiosity double precision NOT NULL,
                engagement double precision NOT NULL,
                fatigue double precision NOT NULL,
                drawings_completed bigint NOT NULL,
                awakenings bigint NOT NULL,
                alive_seconds double precision NOT NULL)
            """,
            "CREATE INDEX summaries_agent_recorded ON core.summaries (agent_id, recorded_at DESC)",
            // One row per check-in or summary: what the verdict engine said at that moment.
            """
            CREATE TABLE core.agent_state (
                id bigserial PRIMARY KEY,
                agent_id uuid NOT NULL REFERENCES core.agents (id),
                recorded_at timestamptz NOT NULL,
                summary_id uuid,
                e double precision NOT NULL,
                i double precision NOT NULL,
                s double precision NOT NULL,
                v double precision NOT NULL,
                coherence double precision NOT NULL,
                risk double precision NOT NULL,
                verdict text NOT NULL,
                action text NOT NULL,
                margin text NOT NULL,
                reason text NOT NULL,
                regime text NOT NULL,
                state jsonb NOT NULL DEFAULT '{}'::jsonb,
                epoch integer NOT NULL DEFAULT 1)
            """,
            "CREATE INDEX agent_state_agent_recorded ON core.agent_state (agent_id, recorded_at DESC)",
            // The verdict engine's memory per agent (EMA, ODE state, |V| history), so a restart loses nothing.
            """
            CREATE TABLE core.monitor_state (
                agent_id uuid PRIMARY KEY REFERENCES core.agents (id),
                state jsonb NOT NULL,
                update_count bigint NOT NULL DEFAULT 0,
                last_recorded_at timestamptz,
                last_action text,
                updated_at timestamptz NOT NULL DEFAULT now())
            """,
        ])

    static let createAuditAndCalibration = Migration(
        version: 2, name: "create_audit_and_calibration",
        statements: [
            "CREATE SCHEMA audit",
            // event_id is the idempotency key: a retried request or a JSONL replay never adds a second row.
            """
            CREATE TABLE audit.events (
                event_id uuid PRIMARY KEY,
                ts timestamptz NOT NULL,
                agent_id uuid,
                event_type text NOT NULL,
                confidence double precision,
                payload jsonb NOT NULL DEFAULT '{}'::jsonb)
            """,
            "CREATE INDEX events_ts ON audit.events (ts DESC)",
            "CREATE INDEX events_agent_ts ON audit.events (agent_id, ts DESC)",
            // A single row, updated only when the caller read the current version (optimistic concurrency).
            """
            CREATE TABLE core.calibration (
                id integer PRIMARY KEY CHECK (id = 1),
                data jsonb NOT NULL,
                version bigint NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now())
            """,
            "INSERT INTO core.calibration (id, data, version) VALUES (1, '{}'::jsonb, 1)",
        ])

    /// "The agent's current verdict" is the one computed last, not the one whose summary claims the latest time: a
    /// single summary dated 2099 once froze an agent's verdict. This index serves `ORDER BY id DESC` per agent.
    static let verdictsInArrivalOrder = Migration(
        version: 3, name: "verdicts_in_arrival_order",
        statements: ["CREATE INDEX agent_state_agent_arrival ON core.agent_state (agent_id, id DESC)"])

    /// Labels are unique ignoring case, so `tokens create --agent Alpha` names one agent: a device once renamed itself
    /// to another's label and the operator's token went to the impostor. Labels that already collide all get their
    /// id's first 8 hex digits appended (none keeps the bare name, since which one is genuine cannot be known), each
    /// rename recorded in audit.events as `agent_renamed` by this migration.
    static let uniqueAgentLabels = Migration(
        version: 5, name: "unique_agent_labels",
        statements: [
            """
            INSERT INTO audit.events (event_id, ts, agent_id, event_type, payload)
            SELECT gen_random_uuid(), now(), a.id, 'agent_renamed',
                   jsonb_build_object('from', a.label, 'to', a.label || ' #' || left(a.id::text, 8), 'by', 'migration 5 (unique labels)')
            FROM core.agents a
            WHERE EXISTS (SELECT 1 FROM core.agents b WHERE lower(b.label) = lower(a.label) AND b.id <> a.id)
            """,
            """
            UPDATE core.agents a SET label = a.label || ' #' || left(a.id::text, 8), updated_at = now()
            WHERE EXISTS (SELECT 1 FROM core.agents b WHERE lower(b.label) = lower(a.label) AND b.id <> a.id)
            """,
            "CREATE UNIQUE INDEX agents_label_unique ON core.agents (lower(label))",
        ])
}
