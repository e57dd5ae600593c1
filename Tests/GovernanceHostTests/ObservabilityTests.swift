import Foundation
import Synchronization
import Testing

@testable import GovernanceHost

/// `/metrics` (Prometheus text), `/health/live` and `/health/ready`, against a real host and database.
@Suite struct ObservabilityTests {
    /// The value of one series in a Prometheus exposition, nil when absent.
    func value(_ exposition: String, _ series: String) -> Double? {
        exposition.split(separator: "\n").first { $0.hasPrefix(series + " ") }
            .flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test func metricsShowRequestsIngestPoolAuditAndVerdictsAfterTraffic() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let (_, token) = try host.createAgent("Metered")
        // The registry is the process's: other suites add to it too, so read before and compare.
        let before = try await host.send("GET", "/metrics").text
        let (batch, _) = SummaryFixtures.batch(count: 3)
        #expect(try await host.send("POST", "/v1/summaries", token: token, body: batch).status == 200)
        #expect(try await host.send("POST", "/v1/summaries", token: token, body: batch).status == 200)  // all duplicates
        #expect(try await host.send("POST", "/v1/summaries", token: token, body: Data("{".utf8)).status == 400)

        let metrics = try await host.send("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers.first { $0.key.lowercased() == "content-type" }?.value.hasPrefix("text/plain") == true)
        let text = metrics.text
        func delta(_ series: String) -> Double { (value(text, series) ?? 0) - (value(before, series) ?? 0) }
        #expect(delta(#"governance_summaries_total{result="accepted"}"#) >= 3)
        #expect(delta(#"governance_summaries_total{result="duplicate"}"#) >= 3)
        #expect(delta(#"governance_summaries_rejected_total{reason="invalid"}"#) >= 1)
        #expect(delta(#"governance_verdicts_total{action="proceed"}"#) >= 2)
        // Hummingbird's per-route counts and latency histograms, by route template and status.
        #expect(text.contains(#"hb_requests{http_route="/v1/summaries",http_request_method="POST",http_response_status_code="200"}"#))
        #expect(text.contains(#"http_server_request_duration_bucket{http_route="/v1/summaries""#))
        #expect(text.contains(#"governance_audit_fsync_seconds_count"#))
        #expect(value(text, "governance_pool_connections_max") == 10)
        #expect(value(text, #"governance_pool_connections{state="idle"}"#) != nil)
        #expect(value(text, "governance_pool_waiting") == 0)
    }

    @Test func liveAlwaysAnswersAndReadyChecksTheSchema() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        defer { Task { await host.stop() } }
        let live = try await host.send("GET", "/health/live")
        #expect(live.status == 200 && live.json?["status"]?.stringValue == "ok")
        let ready = try await host.send("GET", "/health/ready")
        #expect(ready.status == 200)
        #expect(ready.json?["ready"] == .bool(true))
        #expect(ready.json?["database"]?.stringValue == "reachable")
        #expect(ready.json?["schema_version"] == ready.json?["expected_schema_version"])

        // A database behind this build's schema takes the host out of rotation, saying what to run.
        try PostgresConnection(conninfo: database.url).query("DELETE FROM core.schema_migrations WHERE version = (SELECT max(version) FROM core.schema_migrations)")
        let behind = try await host.send("GET", "/health/ready")
        #expect(behind.status == 503)
        #expect(behind.json?["detail"]?.stringValue?.contains("governance-host migrate") == true)
        #expect(try await host.send("GET", "/health/live").status == 200)
    }

    /// Every pooled connection busy is not "database unreachable": the host is serving and stays in rotation.
    @Test func exhaustedPoolIsReadyButBusy() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path, maxConnections: 2)
        defer { Task { await host.stop() } }
        // Both connections are held until the readiness answer is in, however long a loaded machine takes to send it
        // (a fixed 12 s hold once ended before the 10 s pool wait did, and the answer was "reachable").
        let holding = HolderCount()
        let hold: @Sendable (PostgresConnection) throws(PostgresError) -> Void = { connection in
            holding.count.withLock { $0 += 1 }
            while !holding.released.withLock({ $0 }) { try connection.query("SELECT pg_sleep(0.2)") }
        }
        async let first: Void = host.pool.withConnection(hold)
        async let second: Void = host.pool.withConnection(hold)
        while holding.count.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(10)) }
        let ready = try await host.send("GET", "/health/ready")
        holding.released.withLock { $0 = true }
        #expect(ready.status == 200)
        #expect(ready.json?["database"]?.stringValue == "busy")
        _ = try await (first, second)
    }
}

/// How many tasks hold a pooled connection, shared by the holders and the test.
final class HolderCount: Sendable {
    let count = Mutex(0)
    /// Set once the test has its answer: the holders give their connections back.
    let released = Mutex(false)
}
