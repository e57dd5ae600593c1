import Dispatch

/// The fleet page from one connection, as `/ui/` serves it: exposed for governance-bench's `fleet` mode.
public enum FleetPageRendering {
    public static func html(on connection: PostgresConnection) throws(PostgresError) -> String {
        DashboardPages.fleet(
            agents: try AgentStore.list(on: connection), sparklines: try DashboardQueries.animaSparklines(points: 48, on: connection),
            latest: try DrawingStore.latestPerAgent(on: connection))
    }

    /// The same page in its three reads and the HTML building, each timed in milliseconds (for the benchmark).
    public static func timedParts(on connection: PostgresConnection) throws(PostgresError) -> [(String, Double)] {
        func measure<T>(_ body: () throws(PostgresError) -> T) throws(PostgresError) -> (T, Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            let value = try body()
            return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let (agents, a) = try measure { () throws(PostgresError) in try AgentStore.list(on: connection) }
        let (sparklines, b) = try measure { () throws(PostgresError) in try DashboardQueries.animaSparklines(points: 48, on: connection) }
        let (latest, c) = try measure { () throws(PostgresError) in try DrawingStore.latestPerAgent(on: connection) }
        let (_, d) = try measure { () throws(PostgresError) in DashboardPages.fleet(agents: agents, sparklines: sparklines, latest: latest) }
        return [("agents", a), ("sparklines", b), ("latest drawings", c), ("HTML", d)]
    }
}
