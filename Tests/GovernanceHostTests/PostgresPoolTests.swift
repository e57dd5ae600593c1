import Synchronization
import Foundation
import Testing

@testable import GovernanceHost

/// The pool: opens MIN, grows to MAX, fails clearly when exhausted, replaces broken connections, reports metrics.
@Suite struct PostgresPoolTests {
    func pool(min: Int, max: Int, timeout: Double = 10) async throws -> PostgresPool {
        guard let url = TestDatabase.url else { throw TestDatabase.MissingServer() }
        return try await PostgresPool.open(.init(conninfo: url, minConnections: min, maxConnections: max, acquireTimeoutSeconds: timeout))
    }

    @Test func opensMinimumAndGrowsToMaximum() async throws {
        let pool = try await pool(min: 2, max: 4)
        defer { pool.close() }
        #expect(pool.metrics == .init(size: 2, idle: 2, max: 4, waiting: 0))
        // Four bodies that each hold their connection until all four are in: the pool must open two more.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await pool.withConnection { (connection) throws(PostgresError) in
                        try connection.query("SELECT pg_sleep(0.3)")
                        return try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
                    }
                }
            }
            var pids = Set<Int>()
            for try await pid in group { pids.insert(pid) }
            #expect(pids.count == 4)
        }
        #expect(pool.metrics == .init(size: 4, idle: 4, max: 4, waiting: 0))
    }

    @Test func exhaustedPoolFailsAfterTheTimeoutNamingSizeAndMax() async throws {
        let pool = try await pool(min: 1, max: 1, timeout: 0.3)
        defer { pool.close() }
        let holding = Mutex(false)
        async let holder: Void = pool.withConnection { (connection) throws(PostgresError) in
            holding.withLock { $0 = true }
            try connection.query("SELECT pg_sleep(1.5)")
        }
        // Under load the holder may start late: wait until it really holds the only connection.
        while !holding.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        do {
            _ = try await pool.withConnection { (connection) throws(PostgresError) in try connection.query("SELECT 1") }
            Issue.record("the second acquire must time out")
        } catch {
            #expect(error == .poolExhausted(size: 1, max: 1, waitedSeconds: 0.3))
            #expect(error.description.hasPrefix("pool exhausted (1/1)"))
        }
        try await holder
        // Once free again, the connection is handed out normally.
        #expect(try await pool.withConnection { (c) throws(PostgresError) in try c.query("SELECT 7 AS n")[0].int("n") } == 7)
    }

    @Test func waiterGetsTheConnectionWhenItIsReleased() async throws {
        let pool = try await pool(min: 1, max: 1, timeout: 5)
        defer { pool.close() }
        let holding = Mutex(false)
        async let holder: Void = pool.withConnection { (connection) throws(PostgresError) in
            holding.withLock { $0 = true }
            try connection.query("SELECT pg_sleep(0.3)")
        }
        while !holding.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        let value = try await pool.withConnection { (c) throws(PostgresError) in try c.query("SELECT 3 AS n")[0].int("n") }
        #expect(value == 3)
        try await holder
    }

    @Test func brokenConnectionIsDroppedAndReplaced() async throws {
        let pool = try await pool(min: 1, max: 1)
        defer { pool.close() }
        let first = try await pool.withConnection { (c) throws(PostgresError) in try c.query("SELECT pg_backend_pid() AS pid")[0].int("pid") }
        // Kill that backend from outside, as a server restart or network cut would.
        guard let url = TestDatabase.url else { throw TestDatabase.MissingServer() }
        let admin = try PostgresConnection(conninfo: url)
        try admin.query("SELECT pg_terminate_backend($1)", [String(first)])
        try await Task.sleep(for: .milliseconds(100))
        do {
            _ = try await pool.withConnection { (c) throws(PostgresError) in try c.query("SELECT 1") }
            Issue.record("the dead connection should fail its query")
        } catch {
            guard case .connectionLost = error else { Issue.record("expected connectionLost, got \(error)"); return }
        }
        #expect(pool.metrics.size == 0)
        let second = try await pool.withConnection { (c) throws(PostgresError) in try c.query("SELECT pg_backend_pid() AS pid")[0].int("pid") }
        #expect(second != first)
        #expect(pool.metrics == .init(size: 1, idle: 1, max: 1, waiting: 0))
    }

    @Test func statementTimeoutAndUTCAreSetPerConnection() async throws {
        let pool = try await pool(min: 1, max: 1)
        defer { pool.close() }
        let (timeout, zone) = try await pool.withConnection { (c) throws(PostgresError) in
            (try c.query("SHOW statement_timeout")[0].string("statement_timeout"), try c.query("SHOW TimeZone")[0].string("TimeZone"))
        }
        #expect(timeout == "30s")
        #expect(zone == "UTC")
    }

    @Test func unreachableServerFailsOpen() async {
        do {
            _ = try await PostgresPool.open(.init(conninfo: "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"))
            Issue.record("opening against port 1 must fail")
        } catch {
            guard case .connectionFailed = error else { Issue.record("got \(error)"); return }
        }
    }
}
