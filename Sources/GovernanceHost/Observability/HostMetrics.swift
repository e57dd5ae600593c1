import CoreMetrics
import Prometheus

/// The host process's metrics, exposed at `GET /metrics` in the Prometheus text format.
///
/// swift-metrics has one global factory per process; the first server started bootstraps it with a Prometheus registry
/// (a static let: once, thread-safe). Code anywhere in the host records through swift-metrics' `Counter`/`Timer`, so the
/// same calls cost nothing in tools that never serve. Names follow Prometheus rules: swift-metrics labels such as
/// Hummingbird's `http.server.request.duration` are rewritten to `http_server_request_duration`.
public enum HostMetrics {
    /// The registry `/metrics` renders; bootstraps the global metrics system on first use.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (prometheusName(name), labels.map { (prometheusName($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Makes sure the metrics system is bootstrapped before the first request records anything.
    public static func install() { _ = registry }

    // Computed: MetricNameDescriptor is not Sendable, so it cannot be a stored static.
    static var poolConnections: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "governance_pool", unitName: "connections", helpText: "PostgreSQL connections the host holds, by state")
    }
    static var poolMax: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "governance_pool_connections_max", unitName: "", helpText: "Most PostgreSQL connections the pool may open (--max-connections)")
    }
    static var poolWaiting: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "governance_pool_waiting", unitName: "", helpText: "Requests waiting for a PostgreSQL connection")
    }

    /// The text `/metrics` answers: every series, after the pool's gauges are brought up to date.
    static func exposition(pool: PostgresPool.Metrics) -> String {
        registry.makeGauge(descriptor: poolConnections, labels: [("state", "in_use")]).set(Double(pool.size - pool.idle))
        registry.makeGauge(descriptor: poolConnections, labels: [("state", "idle")]).set(Double(pool.idle))
        registry.makeGauge(descriptor: poolMax).set(Double(pool.max))
        registry.makeGauge(descriptor: poolWaiting).set(Double(pool.waiting))
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// A metric or label name Prometheus accepts: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func prometheusName(_ name: String) -> String {
        var result = String(name.unicodeScalars.map { scalar -> Character in
            let allowed = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == ":"
            return allowed ? Character(scalar) : "_"
        })
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "_" + result }
        return result
    }
}

/// The host's own series (Hummingbird's middleware records the per-route request counts and latency histograms).
enum HostSeries {
    /// Summaries by what ingest did with them: `accepted` or `duplicate`.
    static func summaries(_ result: String, count: Int) {
        guard count > 0 else { return }
        Counter(label: "governance_summaries_total", dimensions: [("result", result)]).increment(by: count)
    }

    /// A request body refused before ingest, by reason (`invalid`, `too_large`, `unauthorized`, …).
    static func rejected(_ reason: String) {
        Counter(label: "governance_summaries_rejected_total", dimensions: [("reason", reason)]).increment()
    }

    /// A verdict answered to a device, by action.
    static func verdict(_ action: String) {
        Counter(label: "governance_verdicts_total", dimensions: [("action", action)]).increment()
    }

    /// How long one group-committed audit `fsync` took.
    static func auditFsync(nanoseconds: UInt64) {
        Timer(label: "governance_audit_fsync_seconds", preferredDisplayUnit: .seconds).recordNanoseconds(Int64(clamping: nanoseconds))
    }
}
