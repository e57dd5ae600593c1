import GovernanceCore
import Hummingbird

/// Request bodies, read with a cap per route. A declared `Content-Length` over the cap is refused before the request
/// is authenticated or a byte of it parsed; a chunked body is cut off at the cap while it streams in. Every parser
/// behind these routes is linear with bounded nesting (JSON depth 32), so the cap bounds each request's work.
/// Routes not listed take no body at all (`ReadsCarryNoBodyMiddleware`).
enum RequestBody {
    /// `POST /v1/summaries`: 1000 summaries of ~700 bytes.
    static let summariesLimit = SummaryBatch.maxBodyBytes
    /// `POST /mcp`: a Pi's check-in is about 1.5 KB; 64 KiB leaves room for metadata and outcome details.
    static let mcpLimit = 64 << 10
    /// `PUT /v1/drawings/{sha256}`: a finished drawing's PNG.
    static let drawingLimit = DrawingLimits.maxBytes

    /// 413 naming the route's limit when the declared length is over it (call before authenticating).
    static func refuseDeclaredOversize(_ request: Request, limit: Int) throws {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, "the request body is \(length) bytes; \(route(request)) accepts at most \(limit) bytes", field: "body")
        }
    }

    /// The whole body, or 413 naming the limit when it exceeds it.
    static func collect(_ request: inout Request, limit: Int) async throws -> [UInt8] {
        try refuseDeclaredOversize(request, limit: limit)
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "the request body exceeds \(limit) bytes, the most \(route(request)) accepts", field: "body")
        } catch {
            // Malformed chunked encoding, a connection closed mid-body: the client's fault, never a 500.
            throw APIError(.badRequest, "the request body could not be read completely; send it with Content-Length or valid chunked encoding")
        }
    }

    private static func route(_ request: Request) -> String {
        "\(request.method) \(request.uri.path.prefix(120))"
    }
}

/// GET, HEAD, DELETE and OPTIONS requests carry no body here: one that declares a body (a length above 0, or chunked
/// encoding) gets 413 before routing, instead of being read and thrown away at the client's pace.
struct ReadsCarryNoBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.get, .head, .delete, .options].contains(request.method) else { return try await next(request, context) }
        let declared = request.headers[.contentLength].flatMap(Int.init) ?? 0
        guard declared == 0, request.headers[.transferEncoding] == nil else {
            return APIError(.contentTooLarge, "\(request.method) \(request.uri.path.prefix(120)) takes no request body (the limit is 0 bytes)", field: "body").response
        }
        return try await next(request, context)
    }
}
