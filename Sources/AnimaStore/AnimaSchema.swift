import GRDB

/// anima.db's schema as an ordered list of named migrations (GRDB's DatabaseMigrator records which ran in
/// `grdb_migrations`). Tables and columns follow the reference creature's schema (spec §3.2) so its history
/// stays readable; never edit a shipped migration — append a new one.
public enum AnimaSchema {
    /// The migration identifiers, in the order they apply.
    public static let migrationNames = [
        "v1-identity", "v1-events", "v1-state-history", "v1-drawing-history", "v1-outbox", "v1-runtime-state",
        "v2-outbox-quarantine", "v3-drawing-uploads", "v4-application-id", "v5-drawing-upload-quarantine",
    ]

    /// The exact columns of `drawing_history`, in table order (the user's plan plus `epoch`).
    public static let drawingHistoryColumns = [
        "id", "timestamp", "E", "I", "S", "V", "C", "marks", "phase", "era", "energy", "curiosity", "engagement",
        "fatigue", "arc_phase", "gesture_entropy", "switching_rate", "intentionality", "epoch",
    ]

    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-identity") { db in
            // A file that already has the reference's tables but no migration records would fail below with
            // "table identity already exists"; say what it is instead.
            for table in ["identity", "events", "state_history", "drawing_history"] where try db.tableExists(table) {
                throw StoreError.unsupportedSchema(table: table)
            }
            try db.execute(
                sql: """
                    CREATE TABLE identity (
                        creature_id TEXT PRIMARY KEY,
                        born_at TEXT NOT NULL,
                        total_awakenings INTEGER DEFAULT 0,
                        total_alive_seconds REAL DEFAULT 0.0,
                        name TEXT,
                        name_history TEXT DEFAULT '[]',
                        metadata TEXT DEFAULT '{}',
                        last_heartbeat_at TEXT
                    )
                    """)
        }
        migrator.registerMigration("v1-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        timestamp TEXT NOT NULL,
                        event_type TEXT NOT NULL,
                        data TEXT DEFAULT '{}'
                    );
                    CREATE INDEX idx_events_type_time ON events(event_type, timestamp);
                    """)
        }
        migrator.registerMigration("v1-state-history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE state_history (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        timestamp TEXT NOT NULL,
                        warmth REAL, clarity REAL, stability REAL, presence REAL,
                        sensors TEXT DEFAULT '{}',
                        epoch INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE INDEX idx_state_history_time ON state_history(timestamp);
                    """)
        }
        migrator.registerMigration("v1-drawing-history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE drawing_history (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        timestamp TEXT NOT NULL,
                        E REAL NOT NULL, I REAL NOT NULL, S REAL NOT NULL, V REAL NOT NULL, C REAL NOT NULL,
                        marks INTEGER NOT NULL,
                        phase TEXT, era TEXT,
                        energy REAL, curiosity REAL, engagement REAL, fatigue REAL,
                        arc_phase TEXT,
                        gesture_entropy REAL, switching_rate REAL, intentionality REAL,
                        epoch INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE INDEX idx_drawing_history_time ON drawing_history(timestamp DESC);
                    """)
        }
        migrator.registerMigration("v1-outbox") { db in
            // seq orders rows by arrival; id is the client-generated uuid the host deduplicates on.
            try db.execute(
                sql: """
                    CREATE TABLE outbox (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        created_at REAL NOT NULL,
                        payload BLOB NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v1-runtime-state") { db in
            try db.execute(
                sql: """
                    CREATE TABLE runtime_state (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v2-outbox-quarantine") { db in
            // Summaries the host refused as invalid (HTTP 400/422 for that one row): kept, never resent, so one bad
            // row cannot block the queue behind it.
            try db.execute(
                sql: """
                    CREATE TABLE outbox_quarantine (
                        id TEXT PRIMARY KEY,
                        created_at REAL NOT NULL,
                        payload BLOB NOT NULL,
                        quarantined_at REAL NOT NULL,
                        status INTEGER NOT NULL,
                        reason TEXT NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v3-drawing-uploads") { db in
            // Finished drawings waiting to be uploaded to the governance host (PUT /v1/drawings/{sha256}), oldest first.
            try db.execute(
                sql: """
                    CREATE TABLE drawing_uploads (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        sha256 TEXT NOT NULL UNIQUE,
                        png BLOB NOT NULL,
                        era TEXT NOT NULL,
                        marks INTEGER NOT NULL,
                        pixels INTEGER NOT NULL,
                        completion TEXT NOT NULL,
                        finished_at REAL NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v4-application-id") { db in
            // Marks the file as anima's in its header, so a start can tell it from a foreign database by reading
            // 100 bytes (DatabaseInspection) instead of copying the whole file to inspect it.
            try db.execute(sql: "PRAGMA application_id = \(DatabaseInspection.applicationID)")
        }
        migrator.registerMigration("v5-drawing-upload-quarantine") { db in
            // Drawings the governance host refused by name (its JSON error naming a header or the body), kept so
            // `anima sync --requeue-quarantined` can send them again; no type constraints beyond the key, so a row
            // with wrongly typed columns can be moved here as it is.
            try db.execute(
                sql: """
                    CREATE TABLE drawing_uploads_quarantine (
                        sha256 TEXT PRIMARY KEY,
                        png BLOB,
                        era, marks, pixels, completion, finished_at,
                        quarantined_at REAL NOT NULL,
                        status INTEGER NOT NULL,
                        reason TEXT NOT NULL
                    )
                    """)
        }
        return migrator
    }
}
