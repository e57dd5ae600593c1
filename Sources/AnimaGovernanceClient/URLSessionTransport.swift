import AnimaVersion
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `HTTPTransport` over URLSession with an ephemeral configuration (no cookies, no cache). Server certificates are
/// verified by URLSession's default trust evaluation; this type offers no way around it.
///
/// Hostile networks (hotel portals, proxies, broken hosts) shape three rules here:
/// - a redirect is never followed (the bearer token must not travel to another origin): the 3xx comes back as the
///   answer and the sender treats it as a failure;
/// - a reply larger than `maxReplyBytes` is abandoned as soon as that is known (Content-Length, or while reading), so
///   memory stays bounded whatever the peer sends;
/// - `timeout` bounds the whole request, not each read: a peer that trickles a byte at a time cannot hold the sender.
public final class URLSessionTransport: HTTPTransport {
    public static let defaultMaxReplyBytes = 1 << 20
    private let maxReplyBytes: Int

    public init(maxReplyBytes: Int = URLSessionTransport.defaultMaxReplyBytes) {
        self.maxReplyBytes = maxReplyBytes
    }

    public func send(method: String, url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws(TransportError)
        -> HTTPResponse
    {
        guard let target = URL(string: url) else { throw TransportError(message: "invalid URL \(url)") }
        let seconds = max(0.1, timeout)
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: seconds)
        request.httpMethod = method
        request.setValue(AnimaVersion.userAgent, forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body)

        let exchange = ReplyCollector(url: url, limit: maxReplyBytes, seconds: seconds)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration, delegate: exchange, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let result = await withCheckedContinuation { continuation in
            exchange.start(session.dataTask(with: request), continuation: continuation)
        }
        return try result.get()
    }
}

/// One request's delegate: collects the reply up to the limit, refuses redirects, and ends the exchange at the
/// deadline. Resumes its continuation exactly once, whichever of completion, overflow or deadline comes first.
final class ReplyCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let url: String
    private let limit: Int
    private let seconds: Double
    private let lock = NSLock()
    private var data = Data()
    private var response: HTTPURLResponse?
    private var failure: String?
    private var continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>?

    init(url: String, limit: Int, seconds: Double) {
        self.url = url
        self.limit = limit
        self.seconds = seconds
    }

    func start(_ task: URLSessionDataTask, continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) {
        lock.withLock { self.continuation = continuation }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak self, weak task] in
            guard let self else { return }
            self.finish(.failure(TransportError(message: "no complete reply from \(self.url) within \(Self.format(self.seconds)) s")))
            task?.cancel()
        }
        task.resume()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        if let http, http.expectedContentLength > Int64(limit) {
            lock.withLock { failure = "the reply from \(url) is \(http.expectedContentLength) bytes; the limit is \(limit)" }
            completionHandler(.cancel)
            return
        }
        lock.withLock { self.response = http }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflow = lock.withLock { () -> Bool in
            guard self.data.count + data.count <= limit else {
                failure = "the reply from \(url) exceeds \(limit) bytes"
                return true
            }
            self.data.append(data)
            return false
        }
        if overflow { dataTask.cancel() }
    }

    /// Never follow: the 3xx itself becomes the answer, so the sender can refuse it with the Location named.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (failure, response, data) = lock.withLock { (self.failure, self.response, self.data) }
        if let failure {
            finish(.failure(TransportError(message: failure)))
        } else if let error {
            finish(.failure(TransportError(message: error.localizedDescription)))
        } else if let http = response ?? (task.response as? HTTPURLResponse) {
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            finish(.success(HTTPResponse(status: http.statusCode, body: [UInt8](data), headers: headers)))
        } else {
            finish(.failure(TransportError(message: "no HTTP response from \(url)")))
        }
    }

    private func finish(_ result: Result<HTTPResponse, TransportError>) {
        let continuation = lock.withLock { () -> CheckedContinuation<Result<HTTPResponse, TransportError>, Never>? in
            defer { self.continuation = nil }
            return self.continuation
        }
        continuation?.resume(returning: result)
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
