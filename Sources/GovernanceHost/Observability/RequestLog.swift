import Dispatch
import Hummingbird
import Logging
import Synchronization

/// One log line per request at `info`, written when the response is done: method, path, status, duration and the
/// agent the request authenticated as (if any). Routes name the agent through `RequestAgent`, a task-local slot this
/// middleware opens for each request, so the router's context type stays Hummingbird's basic one.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let agent = RequestAgent()
        let logger = context.logger
        return try await RequestAgent.$current.withValue(agent) {
            do {
                let response = try await next(request, context)
                log(logger, request, status: response.status.code, started: started, agent: agent)
                return response
            } catch {
                let status = (error as? any HTTPResponseError)?.status.code ?? 500
                log(logger, request, status: status, started: started, agent: agent)
                throw error
            }
        }
    }

    private func log(_ logger: Logger, _ request: Request, status: Int, started: UInt64, agent: RequestAgent) {
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        // The path without the query (tokens never travel there, but one-time links might) and bounded in length.
        let path = String(request.uri.path.prefix(200))
        logger.info(
            "\(request.method) \(path) \(status)",
            metadata: [
                "status": "\(status)", "duration_ms": "\((milliseconds * 10).rounded() / 10)",
                "agent": "\(agent.value ?? "-")",
            ])
    }
}

/// The agent a request authenticated as, for the request log: set by authentication, read by the middleware.
final class RequestAgent: @unchecked Sendable {
    @TaskLocal static var current: RequestAgent?
    private let lock = Mutex<String?>(nil)

    var value: String? { lock.withLock { $0 } }
    func set(_ agent: String) { lock.withLock { $0 = agent } }
}
