import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The server could not start listening.
public enum ServerStartError: Error, Sendable, CustomStringConvertible {
    case portInUse(host: String, port: Int)

    public var description: String {
        switch self {
        case let .portInUse(host, port):
            return "port \(port) on \(host) is already in use (another governance-host?): stop that process or choose --port"
        }
    }
}

/// The HTTP server: one router holding the native API, the operator reads, health, OpenAPI and the MCP bridge.
public enum GovernanceServer {
    /// Every route the host serves, documented in docs/openapi.json.
    public static func router(services: HostServices) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ReadsCarryNoBodyMiddleware())
        HealthRoutes.register(on: router, services: services)
        SummaryRoutes.register(on: router, services: services)
        AgentRoutes.register(on: router, services: services)
        MCPRoutes.register(on: router, services: services)
        DrawingRoutes.register(on: router, services: services)
        DashboardRoutes.register(on: router, services: services)
        return router
    }

    /// Request heads are small here (a token, a content type, the drawing metadata headers), so the decoder refuses
    /// anything near Hummingbird's 80 KiB default with 400 before a route runs: 8 KiB per field, 16 KiB in all, 64 fields.
    static let headerLimits = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: 8 << 10, maxHeaderListSize: 16 << 10, maxHeaderFieldCount: 64)

    /// Serves until SIGTERM/SIGINT (graceful: requests being answered finish; connections that are idle or still
    /// sending a request close at once) or until the calling task is cancelled.
    /// `onListening` receives the bound port (useful with port 0).
    public static func run(
        services: HostServices, logger: Logger, handlesSignals: Bool = true,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        HostMetrics.install()
        let options = services.options
        let roster = ConnectionRoster(limit: options.maxConnections)
        let http1 = HTTPServerBuilder.http1(
            configuration: .init(
                additionalChannelHandlers: [
                    RequestBodyDeadlineHandler(timeout: .init(options.bodyTimeout), logger: logger), ConnectionRoster.Tracker(roster: roster),
                ],
                idleTimeout: .init(options.idleTimeout), httpDecoderConfiguration: headerLimits))
        let server: HTTPServerBuilder = try options.tls.map { try .tls(http1, tlsConfiguration: $0.serverConfiguration()) } ?? http1
        let app = Application(
            router: router(services: services),
            server: server,
            configuration: .init(
                address: .hostname(options.host, port: options.port), serverName: "governance-host",
                availableConnectionsDelegate: ConnectionRoster.Cap(roster: roster)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? services.options.port) },
            logger: logger)
        do {
            if handlesSignals {
                try await app.runService()
            } else {
                try await app.runService(gracefulShutdownSignals: [])
            }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ServerStartError.portInUse(host: services.options.host, port: services.options.port)
        }
    }
}
