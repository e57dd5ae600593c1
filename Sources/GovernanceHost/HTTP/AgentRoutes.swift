import Foundation
import Hummingbird

/// Operator reads (spec §5.1): every agent, one agent's latest verdict, its history and its stored summaries.
enum AgentRoutes {
    static let defaultLimit = 100
    static let maximumLimit = 10_000

    static func register(on router: Router<BasicRequestContext>, services: HostServices) {
        router.get("/v1/agents") { request, _ in
            await JSONBody.handle {
                try await RequestAuthentication.requireOperator(request, services: services)
                let agents = try await services.pool.withConnection { (connection) throws(PostgresError) in try AgentStore.list(on: connection) }
                return JSONBody.response(encoding: ["agents": agents])
            }
        }
        router.get("/v1/agents/:id") { request, context in
            await JSONBody.handle {
                try await RequestAuthentication.requireOperator(request, services: services)
                let id = try agentID(context)
                let agent = try await services.pool.withConnection { (connection) throws(PostgresError) in try AgentStore.overview(id, on: connection) }
                guard let agent else { throw APIError(.notFound, "no agent \(id.uuidString.lowercased())", field: "id") }
                return JSONBody.response(encoding: agent)
            }
        }
        router.get("/v1/agents/:id/history") { request, context in
            await JSONBody.handle {
                try await RequestAuthentication.requireOperator(request, services: services)
                let id = try agentID(context)
                let limit = try limit(request)
                let history = try await services.pool.withConnection { (connection) throws(PostgresError) -> [AgentStateRecord]? in
                    guard try AgentStore.overview(id, on: connection) != nil else { return nil }
                    return try AgentStore.history(id, limit: limit, on: connection)
                }
                guard let history else { throw APIError(.notFound, "no agent \(id.uuidString.lowercased())", field: "id") }
                return JSONBody.response(encoding: ["history": history])
            }
        }
        router.get("/v1/agents/:id/summaries") { request, context in
            await JSONBody.handle {
                try await RequestAuthentication.requireOperator(request, services: services)
                let id = try agentID(context)
                let limit = try limit(request)
                let items = try await services.pool.withConnection { (connection) throws(PostgresError) -> String? in
                    guard try AgentStore.overview(id, on: connection) != nil else { return nil }
                    return try AgentStore.summariesJSON(id, limit: limit, on: connection)
                }
                guard let items else { throw APIError(.notFound, "no agent \(id.uuidString.lowercased())", field: "id") }
                return JSONBody.response("{\"summaries\":\(items)}")
            }
        }
    }

    private static func agentID(_ context: BasicRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw APIError(.badRequest, "the agent id in the path must be a uuid", field: "id")
        }
        return id
    }

    private static func limit(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["limit"] else { return defaultLimit }
        guard let value = Int(text), value >= 1, value <= maximumLimit else {
            throw APIError(.badRequest, "limit must be an integer from 1 to \(maximumLimit)", field: "limit")
        }
        return value
    }
}
