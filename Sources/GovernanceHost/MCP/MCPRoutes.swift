import Foundation
import Hummingbird

/// `POST /mcp` and `/mcp/` (spec §5.2): JSON-RPC 2.0 so existing anima-mcp Pis check in unchanged.
///
/// Replies are plain JSON, or one SSE event (`event: message\ndata: <json>\n\n`) when the request's `Accept` includes
/// `text/event-stream` (the client reads the first `data:` line). JSON-RPC errors ride on HTTP 200 like any result;
/// authentication failures are HTTP 401/403 before any JSON-RPC is read.
enum MCPRoutes {
    static let protocolVersion = "2025-03-26"

    static func register(on router: Router<BasicRequestContext>, services: HostServices) {
        // The router ignores a trailing slash, so this one route also answers `/mcp/`.
        router.post("/mcp") { request, _ in
            await JSONBody.handle { try await handle(request, services: services) }
        }
    }

    static func handle(_ request: Request, services: HostServices) async throws -> Response {
        var request = request
        try RequestBody.refuseDeclaredOversize(request, limit: RequestBody.mcpLimit)
        let caller = try await authenticate(request, services: services)
        let wantsSSE = (request.headers[.accept] ?? "").contains("text/event-stream")
        let body = try await RequestBody.collect(&request, limit: RequestBody.mcpLimit)
        let reply: String?
        switch await ParsingQueue.run({ JSONRPC.parse(body) }) {
        case let .failure(failure):
            reply = JSONRPC.error(failure)
        case let .success(call):
            let outcome = await respond(to: call, caller: caller, services: services)
            reply = call.id == nil ? nil : outcome
        }
        guard let reply else { return Response(status: .accepted) }  // a notification gets no body
        if wantsSSE {
            return JSONBody.response("event: message\ndata: \(reply)\n\n", contentType: "text/event-stream")
        }
        return JSONBody.response(reply)
    }

    private static func respond(to call: JSONRPC.Request, caller: MCPCaller, services: HostServices) async -> String {
        let id = call.id ?? .null
        switch call.method {
        case "initialize":
            return JSONRPC.result(id: id, .object([
                "protocolVersion": .string(protocolVersion),
                "capabilities": .object(["tools": .object([:])]),
                "serverInfo": .object(["name": .string("governance-host"), "version": .string("1")]),
            ]))
        case "ping":
            return JSONRPC.result(id: id, .object([:]))
        case "tools/list":
            return JSONRPC.result(id: id, .object(["tools": MCPToolCatalog.tools]))
        case "tools/call":
            guard let params = call.params?.objectValue, let name = params["name"]?.stringValue else {
                return JSONRPC.error(.init(code: JSONRPC.invalidParams, message: "invalid params: params.name must be a tool name", id: id))
            }
            let arguments: [String: JSONPayload]
            switch params["arguments"] {
            case nil, .some(.null): arguments = [:]
            case let .some(.object(object)): arguments = object
            case .some: return JSONRPC.error(.init(code: JSONRPC.invalidParams, message: "invalid params: params.arguments must be an object", id: id))
            }
            let audit = services.audit
            do {
                let text = try await services.pool.withConnection { (connection) throws(PostgresError) -> Result<JSONPayload, MCPToolRunner.Failure> in
                    do {
                        return .success(try MCPToolRunner.run(tool: name, arguments: arguments, caller: caller, audit: audit, on: connection))
                    } catch let failure as MCPToolRunner.Failure {
                        return .failure(failure)
                    } catch let error as PostgresError {
                        throw error
                    } catch {
                        return .failure(.failed(code: "INTERNAL", message: String(describing: error)))
                    }
                }
                switch text {
                case let .success(result):
                    return JSONRPC.result(id: id, toolResult(result, isError: false))
                case let .failure(.invalidParams(message)):
                    return JSONRPC.error(.init(code: JSONRPC.invalidParams, message: "invalid params: \(message)", id: id))
                case let .failure(.failed(code, message)):
                    return JSONRPC.result(id: id, toolFailure(code: code, message: message))
                }
            } catch {
                let code = APIError.from(error).status == .serviceUnavailable ? "UNAVAILABLE" : "DATABASE"
                return JSONRPC.result(id: id, toolFailure(code: code, message: error.description))
            }
        default:
            return JSONRPC.error(.init(code: JSONRPC.methodNotFound, message: "method not found: \(call.method)", id: id))
        }
    }

    /// MCP wraps a tool's answer as text content; the text is the flat JSON object the Pi parses.
    private static func toolResult(_ payload: JSONPayload, isError: Bool) -> JSONPayload {
        .object(["content": .array([.object(["type": .string("text"), "text": .string(payload.jsonText)])]), "isError": .bool(isError)])
    }

    private static func toolFailure(code: String, message: String) -> JSONPayload {
        toolResult(.object(["success": .bool(false), "error": .string(message), "error_code": .string(code)]), isError: true)
    }

    /// A device token as Bearer or as the Basic-auth password; no token only when anonymous MCP is switched on.
    private static func authenticate(_ request: Request, services: HostServices) async throws -> MCPCaller {
        guard request.headers[.authorization] != nil else {
            if services.options.allowAnonymousMCP { return .anonymous }
            throw APIError.missingToken
        }
        switch try await RequestAuthentication.principal(request, services: services) {
        case let .device(agentID, tokenID): return .device(agentID: agentID, tokenID: tokenID)
        case .operator: throw APIError.deviceOnly
        }
    }
}
