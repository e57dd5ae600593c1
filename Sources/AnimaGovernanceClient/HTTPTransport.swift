/// One HTTP answer: status, body, and headers (names lowercased; the bridge reads only `location`).
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]
    public var headers: [String: String]

    public init(status: Int, body: [UInt8], headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }
}

/// A request that got no HTTP answer (refused, DNS, TLS, timeout).
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}

/// Talks to the governance host. `CurlTransport` in production; `ScriptedHTTPTransport` in tests.
public protocol HTTPTransport: Sendable {
    /// Sends `body` to `url` with `method` and `headers`; returns whatever status the server sent (errors and redirects
    /// are statuses too: redirects are never followed), throws when there is no complete answer within `timeout`
    /// seconds in all or the answer is larger than the transport's limit.
    func send(method: String, url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws(TransportError)
        -> HTTPResponse
}

extension HTTPTransport {
    /// `send` with POST: summaries.
    public func post(url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws(TransportError)
        -> HTTPResponse
    {
        try await send(method: "POST", url: url, headers: headers, body: body, timeout: timeout)
    }
}
