import Hummingbird

/// A request the host refuses, rendered as `{"error": "…", "field": "…"}` with an HTTP status.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var message: String
    /// The JSON path of the offending request field (`summaries[3].anima.warmth`), when there is one.
    public var field: String?

    public init(_ status: HTTPResponse.Status, _ message: String, field: String? = nil) {
        self.status = status
        self.message = message
        self.field = field
    }

    static let missingToken = APIError(.unauthorized, "missing bearer token: send `Authorization: Bearer <token>`")
    static let unknownToken = APIError(.unauthorized, "unknown or revoked token")
    static let operatorOnly = APIError(.forbidden, "this endpoint needs an operator token (governance-host tokens create --operator)")
    static let deviceOnly = APIError(.forbidden, "this endpoint needs a device token (governance-host agents create)")

    /// Maps a database failure: an exhausted or unreachable database is a 503 the client retries; anything else is a 500.
    static func from(_ error: PostgresError) -> APIError {
        switch error {
        case .poolExhausted, .poolClosed, .connectionFailed, .connectionLost:
            return APIError(.serviceUnavailable, error.description)
        case .server(let sqlstate, _, _) where sqlstate == "57014" || sqlstate.hasPrefix("40"):
            return APIError(.serviceUnavailable, error.description)  // statement timeout, serialization failure: retry
        default:
            return APIError(.internalServerError, error.description)
        }
    }

    var response: Response {
        var body: [String: String] = ["error": message]
        if let field { body["field"] = field }
        var response = JSONBody.response(GovernanceJSON.text(body), status: status)
        if status == .serviceUnavailable { response.headers[.retryAfter] = "1" }
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"governance\"" }
        return response
    }
}

/// JSON response construction in one place.
enum JSONBody {
    static func response(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func response<Value: Encodable>(encoding value: Value, status: HTTPResponse.Status = .ok) -> Response {
        response(GovernanceJSON.text(value), status: status)
    }

    /// Runs a handler, turning thrown `APIError`s and database errors into JSON error responses.
    static func handle(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as APIError {
            return error.response
        } catch let error as PostgresError {
            return APIError.from(error).response
        } catch let error as AuditError {
            if case let .database(inner) = error { return APIError.from(inner).response }
            return APIError(.internalServerError, error.description).response
        } catch {
            return APIError(.internalServerError, String(describing: error)).response
        }
    }
}
