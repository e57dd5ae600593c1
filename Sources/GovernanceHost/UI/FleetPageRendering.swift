/// The fleet page from one connection, as `/ui/` serves it: exposed for governance-bench's `fleet` mode.
public enum FleetPageRendering {
    public static func html(on connection: PostgresConnection) throws(PostgresError) -> String {
        DashboardPages.fleet(
            agents: try AgentStore.list(on: connection), sparklines: try DashboardQueries.animaSparklines(points: 48, on: connection),
            latest: try DrawingStore.latestPerAgent(on: connection))
    }
}
