/// One HTTP answer: status and body (headers are not needed by the bridge).
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// A request that got no HTTP answer (refused, DNS, TLS, timeout).
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}

/// Posts JSON to the governance host. `URLSessionTransport` in production; `ScriptedHTTPTransport` in tests.
public protocol HTTPTransport: Sendable {
    /// POSTs `body` to `url` with `headers`; returns whatever status the server sent (errors are statuses too),
    /// throws only when there is no answer within `timeout` seconds.
    func post(url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws(TransportError)
        -> HTTPResponse
}
