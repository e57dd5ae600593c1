import Foundation
import Hummingbird
import SHA256Digest

/// `PUT /v1/drawings/{sha256}` (issue 14): a device uploads a finished drawing's PNG, named by its SHA-256.
///
/// Idempotent by hash: the first upload answers 201, a repeat of the same bytes 200, both with `{"sha256": …}` so the
/// device deletes its queued copy only when the host acknowledged exactly that hash. The body is read with a cap
/// (413 beyond `DrawingLimits.maxBytes`), hashed, checked as a PNG and stored in one statement: a connection that
/// drops mid-upload, or a host that dies, leaves no row, and the retry succeeds.
enum DrawingRoutes {
    static func register(on router: Router<BasicRequestContext>, services: HostServices) {
        router.put("/v1/drawings/:sha256") { request, context in
            await JSONBody.handle {
                var request = request
                try RequestBody.refuseDeclaredOversize(request, limit: RequestBody.drawingLimit)
                let agentID = try await SummaryRoutes.deviceAgent(request, services: services)
                let claimed = context.parameters.get("sha256") ?? ""
                guard DrawingStore.isHash(claimed) else {
                    throw APIError(.badRequest, "the path must end in the PNG's SHA-256 as 64 lower-case hex digits", field: "sha256")
                }
                let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard type == "image/png" else {
                    throw APIError(.unsupportedMediaType, "send the drawing as Content-Type: image/png (got \(type ?? "none"))", field: "Content-Type")
                }
                let metadata = try DrawingMetadata.parse(now: Date()) { SummaryRoutes.header(request, $0) }
                let png = try await RequestBody.collect(&request, limit: RequestBody.drawingLimit)
                let actual = SHA256.hex(png)
                guard actual == claimed else {
                    throw APIError(.badRequest, "the body's SHA-256 is \(actual), not the \(claimed) named in the path (corrupted upload?)", field: "sha256")
                }
                let header: PNGHeader
                do throws(PNGError) {
                    header = try PNGHeader.validate(png)
                } catch {
                    throw APIError(.badRequest, "not an acceptable PNG: \(error.message)", field: "body")
                }
                let audit = services.audit
                let stored = try await services.pool.withConnection { (connection) throws(PostgresError) in
                    try DrawingStore.store(png: png, sha256: actual, header: header, metadata: metadata, agentID: agentID, audit: audit, on: connection)
                }
                return JSONBody.response(
                    encoding: DrawingReceipt(sha256: actual, stored: stored, width: header.width, height: header.height),
                    status: stored ? .created : .ok)
            }
        }
    }
}

/// Bounds on uploaded drawings.
public enum DrawingLimits {
    /// 2 MiB: a 240×240 RGB drawing compresses to tens of kilobytes; even an uncompressed 800×600 RGB PNG fits.
    public static let maxBytes = 2 << 20
}

/// The reply to an upload: the hash acknowledged, and whether this request stored it (false: it was already there).
struct DrawingReceipt: Codable, Sendable {
    var sha256: String
    var stored: Bool
    var width: Int
    var height: Int
}
