import Foundation

/// An in-memory `HTTPTransport` for tests and simulations: answers each request with the next scripted reply
/// (the last one repeats) and records every request, so tests see exactly what would have gone on the wire.
public final class ScriptedHTTPTransport: HTTPTransport, @unchecked Sendable {
    /// One scripted outcome: an HTTP answer or no answer at all.
    public enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(TransportError)
        /// Computes the answer from the request body (e.g. echo `accepted` = number of summaries).
        case handler(@Sendable (_ body: [UInt8]) -> HTTPResponse)
    }

    /// A request as it was posted.
    public struct Request: Sendable, Equatable {
        public var method: String
        public var url: String
        public var headers: [String: String]
        public var body: [UInt8]
    }

    private let lock = NSLock()
    private var replies: [Reply]
    private var recorded: [Request] = []

    public init(replies: [Reply]) { self.replies = replies }

    /// Replaces the remaining script (e.g. "the host came back").
    public func script(_ replies: [Reply]) {
        lock.withLock { self.replies = replies }
    }

    public var requests: [Request] { lock.withLock { recorded } }

    public func send(method: String, url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws(TransportError)
        -> HTTPResponse
    {
        let reply: Reply? = lock.withLock {
            recorded.append(Request(method: method, url: url, headers: headers, body: body))
            guard let first = replies.first else { return nil }
            if replies.count > 1 { replies.removeFirst() }
            return first
        }
        switch reply {
        case .none: throw TransportError(message: "no scripted reply")
        case let .response(response): return response
        case let .failure(error): throw error
        case let .handler(handler): return handler(body)
        }
    }
}
