/// Migration 3 (issue 14): the drawings devices upload, and the dashboard's one-time links and sessions.
///
/// Drawings are `bytea`, not large objects: a drawing is at most `DrawingLimits.maxBytes` (2 MiB), a bytea row is
/// written in the same transaction as its metadata (a crash mid-upload leaves no row and no orphaned object to vacuum),
/// is dumped by plain `pg_dump`, and needs no `lo_unlink` bookkeeping. Large objects pay off only for values streamed
/// in pieces far above that size.
enum DashboardSchema {
    static let createDrawingsAndDashboard = Migration(
        version: 4, name: "create_drawings_and_dashboard",
        statements: [
            // Keyed by (agent, hash): a retried upload of the same bytes is a no-op for that agent.
            """
            CREATE TABLE core.drawings (
                agent_id uuid NOT NULL REFERENCES core.agents (id),
                sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
                png bytea NOT NULL,
                byte_size integer NOT NULL CHECK (byte_size = octet_length(png)),
                width integer NOT NULL CHECK (width > 0),
                height integer NOT NULL CHECK (height > 0),
                era text NOT NULL,
                marks bigint NOT NULL CHECK (marks >= 0),
                pixels bigint NOT NULL CHECK (pixels >= 0),
                completion text NOT NULL,
                finished_at timestamptz NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (agent_id, sha256))
            """,
            "CREATE INDEX drawings_agent_finished ON core.drawings (agent_id, finished_at DESC)",
            "CREATE INDEX drawings_sha256 ON core.drawings (sha256)",
            // Only SHA-256 hashes of link and session secrets are stored, like device tokens.
            """
            CREATE TABLE core.dashboard_links (
                secret_hash bytea PRIMARY KEY CHECK (octet_length(secret_hash) = 32),
                agent_id uuid REFERENCES core.agents (id),
                created_at timestamptz NOT NULL DEFAULT now(),
                expires_at timestamptz NOT NULL,
                used_at timestamptz,
                secure_cookie boolean NOT NULL DEFAULT false)
            """,
            """
            CREATE TABLE core.dashboard_sessions (
                secret_hash bytea PRIMARY KEY CHECK (octet_length(secret_hash) = 32),
                created_at timestamptz NOT NULL DEFAULT now(),
                expires_at timestamptz NOT NULL)
            """,
        ])
}
