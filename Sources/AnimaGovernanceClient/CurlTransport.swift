import AnimaVersion
import CAnimaCurl
import Foundation

/// `HTTPTransport` over libcurl (loaded at run time, `CAnimaCurl`). Server certificates are verified against the system
/// CA store, or against `caFile` alone when one is configured (a fleet with its own CA); nothing here turns
/// verification off.
///
/// Hostile networks (hotel portals, proxies, broken hosts) shape three rules here:
/// - a redirect is never followed (the bearer token must not travel to another origin): the 3xx comes back as the
///   answer and the sender treats it as a failure;
/// - a reply larger than `maxReplyBytes` is abandoned as soon as that is known (Content-Length, or while reading), so
///   memory stays bounded whatever the peer sends;
/// - `timeout` bounds the whole request, not each read: a peer that trickles a byte at a time cannot hold the sender.
public final class CurlTransport: HTTPTransport {
    public static let defaultMaxReplyBytes = 1 << 20
    private let maxReplyBytes: Int
    private let caFile: String?

    public init(caFile: String? = nil, maxReplyBytes: Int = CurlTransport.defaultMaxReplyBytes) {
        self.caFile = caFile
        self.maxReplyBytes = maxReplyBytes
    }

    public func send(method: String, url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws(TransportError)
        -> HTTPResponse
    {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw TransportError(message: "invalid URL \(RedactedURL.text(url))") }
        let milliseconds = Int(max(0.1, timeout) * 1000)
        // "Expect:" keeps libcurl from waiting for a 100 Continue before a large body.
        let lines = ["User-Agent: \(AnimaVersion.userAgent)", "Expect:"]
            + headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        let (caFile, limit) = (self.caFile, maxReplyBytes)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(
                    returning: Self.perform(
                        method: method, url: url, lines: lines, body: body, milliseconds: milliseconds, caFile: caFile, limit: limit))
            }
        }
        return try result.get()
    }

    /// One blocking libcurl exchange, on a dispatch thread.
    static func perform(
        method: String, url: String, lines: [String], body: [UInt8], milliseconds: Int, caFile: String?, limit: Int
    ) -> Result<HTTPResponse, TransportError> {
        var reply = anima_curl_reply()
        let status = withCStrings(lines) { headerPointers in
            body.withUnsafeBufferPointer { bodyBytes in
                method.withCString { methodText in
                    url.withCString { urlText in
                        withOptionalCString(caFile) { caText in
                            var request = anima_curl_request(
                                method: methodText, url: urlText, headers: headerPointers.baseAddress, header_count: headerPointers.count,
                                body: bodyBytes.baseAddress, body_length: bodyBytes.count, timeout_ms: milliseconds,
                                ca_file: caText, max_reply_bytes: limit)
                            return anima_curl_perform(&request, &reply)
                        }
                    }
                }
            }
        }
        defer { anima_curl_reply_free(&reply) }
        guard status == 0 else { return .failure(TransportError(message: failureMessage(reply, url: RedactedURL.text(url), limit: limit, milliseconds: milliseconds, caFile: caFile))) }
        let bodyBytes = reply.body.map { [UInt8](UnsafeBufferPointer(start: $0, count: reply.body_length)) } ?? []
        let headerText = reply.header_text.map { String(cString: $0) } ?? ""
        return .success(HTTPResponse(status: reply.status, body: bodyBytes, headers: lastHeaderBlock(headerText)))
    }

    /// Why there is no answer, in words that say what to check; `url` is already redacted (no userinfo).
    static func failureMessage(_ reply: anima_curl_reply, url: String, limit: Int, milliseconds: Int, caFile: String?) -> String {
        let detail = withUnsafeBytes(of: reply.error) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        switch reply.code {
        case ANIMA_CURLE_WRITE_ERROR where reply.overflowed != 0:
            fallthrough
        case ANIMA_CURLE_FILESIZE_EXCEEDED:
            return "the reply from \(url) exceeds \(limit) bytes"
        case ANIMA_CURLE_OPERATION_TIMEDOUT:
            let seconds = Double(milliseconds) / 1000
            return "no complete reply from \(url) within \(seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)) s"
        case ANIMA_CURLE_PEER_FAILED_VERIFICATION:
            let trusted = caFile.map { "the CA file \($0) (governance.ca_file)" } ?? "the system CA store (or set governance.ca_file to your fleet's CA)"
            return "the TLS certificate of \(url) is not trusted by \(trusted): \(detail)"
        case ANIMA_CURLE_SSL_CACERT_BADFILE:
            return "the CA file \(caFile ?? "?") cannot be used: \(detail)"
        default:
            return "\(url): \(detail)"
        }
    }

    /// The final response's headers, names lowercased (an interim `100 Continue` block comes first when sent).
    static func lastHeaderBlock(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("HTTP/") {
                headers = [:]
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}

/// Calls `body` with C strings for `strings`, valid for the call only.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>>) -> T) -> T {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.compactMap { $0.map { UnsafePointer($0) } }
    return pointers.withUnsafeBufferPointer(body)
}

private func withOptionalCString<T>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> T) -> T {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
