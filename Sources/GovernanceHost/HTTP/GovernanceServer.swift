import Hummingbird
import Logging
import NIOCore

/// The HTTP server: one router holding the native API, the operator reads, health, OpenAPI and the MCP bridge.
public enum GovernanceServer {
    /// Every route the host serves, documented in docs/openapi.json.
    public static func router(services: HostServices) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        HealthRoutes.register(on: router, services: services)
        SummaryRoutes.register(on: router, services: services)
        AgentRoutes.register(on: router, services: services)
        MCPRoutes.register(on: router, services: services)
        DrawingRoutes.register(on: router, services: services)
        DashboardRoutes.register(on: router, services: services)
        return router
    }

    /// Serves until SIGTERM/SIGINT (graceful: in-flight requests finish) or until the calling task is cancelled.
    /// `onListening` receives the bound port (useful with port 0).
    public static func run(
        services: HostServices, logger: Logger, handlesSignals: Bool = true,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = Application(
            router: router(services: services),
            configuration: .init(address: .hostname(services.options.host, port: services.options.port), serverName: "governance-host"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? services.options.port) },
            logger: logger)
        if handlesSignals {
            try await app.runService()
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
    }
}
