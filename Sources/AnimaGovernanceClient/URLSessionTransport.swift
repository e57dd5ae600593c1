import AnimaVersion
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `HTTPTransport` over URLSession with an ephemeral configuration (no cookies, no cache). Server certificates are
/// verified by URLSession's default trust evaluation; this type offers no way around it.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    public func post(url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws(TransportError)
        -> HTTPResponse
    {
        guard let target = URL(string: url) else { throw TransportError(message: "invalid URL \(url)") }
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: max(0.1, timeout))
        request.httpMethod = "POST"
        request.setValue(AnimaVersion.userAgent, forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body)
        let result: Result<HTTPResponse, TransportError> = await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(returning: .failure(TransportError(message: error.localizedDescription)))
                } else if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: .success(HTTPResponse(status: http.statusCode, body: [UInt8](data ?? Data()))))
                } else {
                    continuation.resume(returning: .failure(TransportError(message: "no HTTP response from \(url)")))
                }
            }
            task.resume()
        }
        return try result.get()
    }
}
