import Foundation

@testable import AnimaGovernanceClient

#if canImport(Glibc)
    import Glibc
#endif

/// A stand-in for whatever answers at `governance.url`, on a real loopback socket: each connection gets one request
/// and the answer `respond` computes from its method, path and body (raw HTTP, so a test can play nginx as well as the
/// governance host). Connections are served one at a time on a thread of their own, never on the cooperative pool.
final class LoopbackHost: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var body: [UInt8]
    }

    let url: String
    private let listener: Int32
    private let lock = NSLock()
    private var served: [Request] = []
    private var respond: @Sendable (Request) -> String

    init(_ respond: @escaping @Sendable (Request) -> String) throws {
        self.respond = respond
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw TransportError(message: "cannot listen on loopback")
        }
        listener = fd
        url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        Thread.detachNewThread { [self] in serve() }
    }

    /// Ends the accept loop (its thread holds the server until then): call it when the test is done.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Replaces the answers (e.g. "the URL was fixed").
    func answer(_ respond: @escaping @Sendable (Request) -> String) { lock.withLock { self.respond = respond } }

    var requests: [Request] { lock.withLock { served } }

    /// An HTTP/1.1 answer with a Content-Length.
    static func reply(_ status: Int, _ body: String, type: String = "application/json") -> String {
        "HTTP/1.1 \(status) X\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            guard let request = Self.readRequest(connection) else {
                close(connection)
                continue
            }
            let answer = lock.withLock { () -> String in
                served.append(request)
                return respond(request)
            }
            let bytes = Array(answer.utf8)
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent <= 0 { break }
                offset += sent
            }
            close(connection)
        }
    }

    private static func readRequest(_ connection: Int32) -> Request? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            received.append(contentsOf: buffer[0..<count])
            guard let split = received.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
            let header = String(decoding: received[..<split.lowerBound], as: UTF8.self)
            let lines = header.split(separator: "\r\n")
            let length = lines.first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            guard received.count - split.upperBound >= length else { continue }
            let requestLine = lines.first?.split(separator: " ") ?? []
            guard requestLine.count >= 2 else { return nil }
            return Request(
                method: String(requestLine[0]), path: String(requestLine[1]),
                body: Array(received[split.upperBound..<(split.upperBound + length)]))
        }
    }
}
