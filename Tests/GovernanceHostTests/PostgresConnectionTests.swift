import Testing

@testable import GovernanceHost

/// The libpq layer against the real server `make test` starts.
@Suite struct PostgresConnectionTests {
    @Test func createInsertWithParametersAndReadBack() throws {
        let (connection, schema) = try TestDatabase.connect()
        defer { TestDatabase.drop(schema, on: connection) }
        try connection.query("CREATE TABLE readings (id serial PRIMARY KEY, label text NOT NULL, value double precision, at timestamptz)")
        let inserted = try connection.query(
            "INSERT INTO readings (label, value, at) VALUES ($1, $2, $3), ($4, $5, NULL)",
            ["it's \"quoted\"; DROP TABLE readings; --", "0.41", "2026-11-26T12:00:00Z", "nullable", nil])
        #expect(inserted.affected == 2)
        let rows = try connection.query("SELECT label, value, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS at FROM readings ORDER BY id")
        #expect(rows.count == 2)
        #expect(try rows[0].string("label") == "it's \"quoted\"; DROP TABLE readings; --")
        #expect(try rows[0].double("value") == 0.41)
        #expect(try rows[0].string("at") == "2026-11-26T12:00:00Z")
        #expect(try rows[1].text("value") == nil)
    }

    @Test func serverErrorCarriesSQLSTATE() throws {
        let (connection, schema) = try TestDatabase.connect()
        defer { TestDatabase.drop(schema, on: connection) }
        try connection.query("CREATE TABLE agents (id uuid PRIMARY KEY)")
        let id = "6f1c2d0e-8b1a-4c1e-9a51-6a4f0f6b2c11"
        try connection.query("INSERT INTO agents (id) VALUES ($1)", [id])
        #expect(throws: PostgresError.self) { try connection.query("INSERT INTO agents (id) VALUES ($1)", [id]) }
        do {
            try connection.query("INSERT INTO agents (id) VALUES ($1)", [id])
        } catch {
            #expect(error.sqlstate == "23505")  // unique_violation
            #expect(error.description.contains("duplicate key"))
        }
        do {
            try connection.query("INSERT INTO agents (id) VALUES ($1)", ["not-a-uuid"])
        } catch {
            #expect(error.sqlstate == "22P02")  // invalid_text_representation
        }
    }

    @Test func transactionRollsBackOnError() throws {
        let (connection, schema) = try TestDatabase.connect()
        defer { TestDatabase.drop(schema, on: connection) }
        try connection.query("CREATE TABLE t (v int NOT NULL)")
        #expect(throws: PostgresError.self) {
            try connection.transaction { (c) throws(PostgresError) in
                try c.query("INSERT INTO t VALUES ($1)", ["1"])
                try c.query("INSERT INTO t VALUES ($1)", [nil])
            }
        }
        #expect(try connection.query("SELECT count(*) AS n FROM t")[0].int("n") == 0)
        #expect(connection.isHealthy)
    }

    @Test func unreachableServerIsAClearConnectionError() {
        do {
            _ = try PostgresConnection(conninfo: "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
            Issue.record("connecting to port 1 should fail")
        } catch {
            guard case let .connectionFailed(message) = error else {
                Issue.record("expected connectionFailed, got \(error)")
                return
            }
            #expect(message.contains("127.0.0.1"))
        }
    }
}
