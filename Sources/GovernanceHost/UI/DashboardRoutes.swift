import Foundation
import Hummingbird

/// `/ui/…`: the read-only operator dashboard. Every page needs a session cookie from a one-time link; a bearer token
/// (device or operator) never opens it. Pages are no-store; drawings are content-addressed, so they cache for a year.
enum DashboardRoutes {
    static func register(on router: Router<BasicRequestContext>, services: HostServices) {
        router.get("/ui/login") { request, _ in
            await handle {
                guard let key = request.uri.queryParameters["key"].map(String.init), DrawingStore.isHash(key) else {
                    return page(DashboardPages.signIn("This link is malformed."), status: .unauthorized)
                }
                let login = try await services.pool.withConnection { (connection) throws(PostgresError) in
                    try DashboardAccess.redeem(linkSecret: key, on: connection)
                }
                guard let login else {
                    return page(DashboardPages.signIn("This link was already used or has expired."), status: .unauthorized)
                }
                let target = login.agentID.map { "/ui/agents/\($0)" } ?? "/ui/"
                return Response(status: .seeOther, headers: [.location: target, .setCookie: DashboardAccess.setCookie(login), .cacheControl: "no-store"])
            }
        }
        router.get("/ui/") { request, _ in
            await authorized(request, services) {
                page(try await services.pool.withConnection { (connection) throws(PostgresError) in try FleetPageRendering.html(on: connection) })
            }
        }
        router.get("/ui/agents/:id") { request, context in
            await authorized(request, services) {
                guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
                    return page(DashboardPages.signIn("No such agent."), status: .notFound)
                }
                let windowName = request.uri.queryParameters["window"].map(String.init) ?? "24h"
                let window = DashboardPages.windows.first { $0.name == windowName } ?? DashboardPages.windows[2]
                let data = try await services.pool.withConnection { (connection) throws(PostgresError) in
                    (try AgentStore.overview(id, on: connection), try DashboardQueries.states(agentID: id, seconds: window.seconds, on: connection),
                     try DashboardQueries.anima(agentID: id, seconds: window.seconds, on: connection),
                     try DrawingStore.list(agentID: id, limit: 48, on: connection), try DashboardQueries.auditEvents(agentID: id, limit: 20, on: connection))
                }
                guard let agent = data.0 else { return page(HTML.page(title: "Not found", refreshSeconds: 0, body: "<p>No such agent.</p>"), status: .notFound) }
                return page(DashboardPages.agent(agent, window: window.name, states: data.1, anima: data.2, drawings: data.3, audit: data.4))
            }
        }
        router.get("/ui/drawings/:file") { request, context in
            await authorized(request, services) {
                let file = context.parameters.get("file") ?? ""
                let isPNG = file.hasSuffix(".png")
                let hash = isPNG ? String(file.dropLast(4)) : file
                let notFound = page(HTML.page(title: "Not found", refreshSeconds: 0, body: "<p>No such drawing.</p>"), status: .notFound)
                guard DrawingStore.isHash(hash) else { return notFound }
                if isPNG {
                    let bytes = try await services.pool.withConnection { (connection) throws(PostgresError) in try DrawingStore.png(sha256: hash, on: connection) }
                    guard let bytes else { return notFound }
                    return Response(
                        status: .ok,
                        headers: [.contentType: "image/png", .cacheControl: "private, max-age=31536000, immutable", .eTag: "\"\(hash)\"",
                                  .init("X-Content-Type-Options")!: "nosniff"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
                }
                let found = try await services.pool.withConnection { (connection) throws(PostgresError) -> (DrawingRecord, String)? in
                    guard let drawing = try DrawingStore.find(sha256: hash, on: connection) else { return nil }
                    let label = try UUID(uuidString: drawing.agentID).flatMap { id throws(PostgresError) in try AgentStore.overview(id, on: connection)?.label }
                    return (drawing, label ?? drawing.agentID)
                }
                guard let found else { return notFound }
                return page(DashboardPages.drawing(found.0, label: found.1))
            }
        }
    }

    /// Runs `body` only for a request carrying a live session cookie; otherwise a 401 sign-in page.
    static func authorized(_ request: Request, _ services: HostServices, _ body: () async throws -> Response) async -> Response {
        await handle {
            guard let secret = DashboardAccess.sessionSecret(cookieHeader: request.headers[.cookie]) else {
                return page(DashboardPages.signIn("You are not signed in to the dashboard."), status: .unauthorized)
            }
            let valid = try await services.pool.withConnection { (connection) throws(PostgresError) in
                try DashboardAccess.isValidSession(secret, on: connection)
            }
            guard valid else { return page(DashboardPages.signIn("Your dashboard session has expired."), status: .unauthorized) }
            return try await body()
        }
    }

    static func handle(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            let message = (error as? PostgresError).map { APIError.from($0).message } ?? String(describing: error)
            return page(HTML.page(title: "Error", refreshSeconds: 30, body: "<p>\(HTML.escape(message))</p>"), status: .serviceUnavailable)
        }
    }

    /// An HTML response; the CSP forbids scripts and anything not from this host.
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
