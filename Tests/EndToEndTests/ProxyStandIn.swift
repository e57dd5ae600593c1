import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What answers when `governance.url` points at a reverse proxy or the wrong port: nginx's HTML 404 to every request,
/// on a real loopback socket, served on a thread of its own (never the cooperative pool). Counts the requests.
final class ProxyStandIn: @unchecked Sendable {
    let url: String
    private let fd: Int32
    private let lock = NSLock()
    private var served = 0

    static let page = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.26.3</center>\r\n</body>\r\n</html>\r\n"

    struct Failure: Error, CustomStringConvertible { let description: String }

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard listening else {
            close(fd)
            throw Failure(description: "cannot listen on loopback: \(String(cString: strerror(errno)))")
        }
        url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        Thread.detachNewThread { [self] in serve() }
    }

    var requests: Int { lock.withLock { served } }

    /// Ends the accept loop (its thread holds this object until then).
    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private func serve() {
        let answer = Array("HTTP/1.1 404 Not Found\r\nServer: nginx/1.26.3\r\nContent-Type: text/html\r\nContent-Length: \(Self.page.utf8.count)\r\nConnection: close\r\n\r\n\(Self.page)".utf8)
        while true {
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            // The whole request first: closing with unread bytes would reset the connection before the answer is read.
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            Self.readRequest(connection)
            lock.withLock { served += 1 }
            _ = answer.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(connection)
        }
    }

    private static func readRequest(_ connection: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return }
            received.append(contentsOf: buffer[0..<count])
            guard let split = received.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
            let header = String(decoding: received[..<split.lowerBound], as: UTF8.self).lowercased()
            let length = header.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if received.count - split.upperBound >= length { return }
        }
    }
}
