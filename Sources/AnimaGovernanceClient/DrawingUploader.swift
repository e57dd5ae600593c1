import AnimaStore
import Foundation
import GovernanceCore

/// Uploads the oldest queued finished drawing with `PUT {host}/v1/drawings/{sha256}` (the PNG as the body, its
/// metadata as `X-Drawing-*` headers) and removes it from the queue only when the host's 2xx names that same hash.
/// A 4xx other than 401/403/408/429 whose body is the host's JSON error naming a header or the body means the host will
/// never take these bytes: the row moves to `drawing_uploads_quarantine`, counted (the PNG also stays in `drawings/`;
/// `anima sync --requeue-quarantined` puts it back), so one bad drawing cannot block the ones behind it. Any other 4xx
/// (a proxy's page, the wrong port) and "finished in the future" (the device's clock) keep it queued, with backoff.
struct DrawingUploader: Sendable {
    enum Outcome: Sendable, Equatable {
        case empty
        case uploaded(sha256: String)
        case refused(sha256: String, GovernanceClientError)
        case failed(GovernanceClientError)
    }

    /// What the host answers to an upload (`docs/dashboard.md`).
    private struct Reply: Decodable {
        var sha256: String
    }

    let configuration: GovernanceClientConfiguration
    let queue: DrawingUploadQueue
    let transport: any HTTPTransport

    func uploadOldest(timeout: Double, now: Double) async -> Outcome {
        let drawing: DrawingUpload
        do {
            guard let oldest = try queue.oldest() else { return .empty }
            drawing = oldest
        } catch {
            return .failed(.store(error))
        }
        let headers = [
            "Authorization": "Bearer \(configuration.token.value)",
            "Content-Type": "image/png",
            "Accept": "application/json",
            "X-Drawing-Era": drawing.era,
            "X-Drawing-Marks": String(drawing.marks),
            "X-Drawing-Pixels": String(drawing.pixels),
            "X-Drawing-Completion": drawing.completion,
            "X-Drawing-Finished-At": RFC3339.format(secondsSince1970: drawing.finishedAt),
        ]
        let response: HTTPResponse
        do {
            response = try await transport.send(
                method: "PUT", url: configuration.drawingURL(sha256: drawing.sha256).absoluteString, headers: headers,
                body: drawing.png, timeout: timeout)
        } catch {
            return .failed(.network(error.message))
        }
        switch response.status {
        case 200..<300:
            guard let reply = try? JSONDecoder().decode(Reply.self, from: Data(response.body)), reply.sha256 == drawing.sha256 else {
                return .failed(.badResponse("HTTP \(response.status) to a drawing upload with \(OutboxSender.excerpt(response.body)); the drawing stays queued"))
            }
            do {
                try queue.remove(sha256: drawing.sha256)
            } catch {
                return .failed(.store(error))
            }
            return .uploaded(sha256: drawing.sha256)
        case 300..<400:
            return .failed(.redirected(status: response.status, location: OutboxSender.origin(of: response.headers["location"])))
        case 401, 403:
            return .failed(.unauthorized(status: response.status, detail: Self.errorText(response)))
        case 408, 429, 500...:
            return .failed(.serverUnavailable(status: response.status, detail: Self.errorText(response)))
        default:
            switch HostRefusal.drawing(response) {
            case .notTheHost:
                return .failed(.notTheHost(status: response.status, excerpt: OutboxSender.excerpt(response.body)))
            case let .clockAhead(body):
                return .failed(.clockAhead(status: response.status, detail: body.error, field: body.field ?? ""))
            case let .unnamed(body):
                return .failed(.rejected(status: response.status, detail: body.error, field: nil))
            case let .named(_, body):
                let error = GovernanceClientError.rejected(status: response.status, detail: body.error, field: body.field)
                do {
                    try queue.quarantine(sha256: drawing.sha256, status: response.status, reason: error.description, at: now)
                } catch {
                    return .failed(.store(error))
                }
                return .refused(sha256: drawing.sha256, error)
            }
        }
    }

    private static func errorText(_ response: HTTPResponse) -> String {
        HostRefusal.errorBody(response)?.error ?? OutboxSender.excerpt(response.body)
    }
}
