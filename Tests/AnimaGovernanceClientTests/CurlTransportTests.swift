import CAnimaCurl
import Foundation
import Testing

@testable import AnimaGovernanceClient

#if canImport(Glibc)
    import Glibc
#endif

/// A one-shot HTTP server on loopback: accepts one connection, captures the request, sends a fixed answer.
/// Real sockets, so the libcurl transport is exercised end to end without a governance host.
final class OneShotHTTPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var captured: String = ""
    private let finished = DispatchSemaphore(value: 0)

    convenience init(status: Int, body: String, headers: String = "Content-Type: application/json\r\n") throws {
        try self.init(reply: Array("HTTP/1.1 \(status) X\r\n\(headers)Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)".utf8))
    }

    /// Answers with exactly `reply`; with `trickle`, one byte every `trickle` seconds (a stalling peer).
    init(reply: [UInt8], trickle: Double? = nil) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw TransportError(message: "cannot listen on loopback")
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let socketFD = listener
        Thread.detachNewThread { [self] in
            let connection = accept(socketFD, nil, nil)
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(connection, &buffer, buffer.count, 0)
                if count <= 0 { break }
                received.append(contentsOf: buffer[0..<count])
                let text = String(decoding: received, as: UTF8.self)
                if let split = text.range(of: "\r\n\r\n") {
                    let header = text[..<split.lowerBound].lowercased()
                    let length = header.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                    if text.utf8.count - text[..<split.upperBound].utf8.count >= length { break }
                }
            }
            lock.withLock { captured = String(decoding: received, as: UTF8.self) }
            if let trickle {
                for byte in reply {
                    guard [byte].withUnsafeBytes({ send(connection, $0.baseAddress, 1, Int32(MSG_NOSIGNAL)) }) == 1 else { break }
                    Thread.sleep(forTimeInterval: trickle)
                }
            } else {
                var offset = 0
                while offset < reply.count {
                    let sent = reply[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if sent <= 0 { break }
                    offset += sent
                }
            }
            close(connection)
            lock.withLock { captured = String(decoding: received, as: UTF8.self) }
            finished.signal()
        }
    }

    deinit { close(listener) }

    var request: String {
        _ = finished.wait(timeout: .now() + 10)
        return lock.withLock { captured }
    }

    /// What arrived within `seconds`, or "" when no client came.
    func requestIfAny(within seconds: Double) -> String {
        _ = finished.wait(timeout: .now() + seconds)
        return lock.withLock { captured }
    }
}

@Suite struct CurlTransportTests {
    @Test func postsAndReturnsTheStatusAndBody() async throws {
        let server = try OneShotHTTPServer(status: 429, body: #"{"error":"slow down"}"#)
        let response = try await CurlTransport().post(
            url: "http://127.0.0.1:\(server.port)/v1/summaries", headers: ["Authorization": "Bearer abc"],
            body: Array("{\"schema\":1}".utf8), timeout: 10)
        #expect(response.status == 429)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":"slow down"}"#)
        let request = server.request
        #expect(request.hasPrefix("POST /v1/summaries HTTP/1.1\r\n"))
        #expect(request.contains("Authorization: Bearer abc\r\n"))
        #expect(request.hasSuffix("\r\n\r\n{\"schema\":1}"))
    }

    @Test func noServerIsATransportError() async throws {
        // A socket bound but not listening: connections to its port are refused.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)
        await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().post(url: "http://127.0.0.1:\(port)/v1/summaries", headers: [:], body: [], timeout: 5)
        }
    }
}

/// anima_curl.c passes libcurl option numbers it wrote down instead of including curl.h; each must be the number the
/// installed libcurl gives that name (curl_easy_option_by_name, libcurl ≥ 7.73), or a setting would silently go
/// to the wrong option.
@Suite struct CurlOptionNumberTests {
    @Test(arguments: [
        "WRITEDATA", "URL", "ERRORBUFFER", "WRITEFUNCTION", "POSTFIELDS", "HTTPHEADER", "HEADERDATA", "CUSTOMREQUEST",
        "NOPROGRESS", "FOLLOWLOCATION", "CAINFO", "HEADERFUNCTION", "NOSIGNAL", "TIMEOUT_MS", "CONNECTTIMEOUT_MS",
        "PROTOCOLS", "MAXFILESIZE_LARGE", "POSTFIELDSIZE_LARGE",
    ])
    func optionNumberIsLibcurls(_ name: String) {
        #expect(anima_curl_used_option(name) == anima_curl_option_id(name))
        #expect(anima_curl_used_option(name) > 0)
    }
}
