import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A governance host that hangs: a loopback socket that completes TCP handshakes (the kernel's backlog) but never
/// reads or answers, so every request waits until the client gives up.
final class SilentHost {
    let url: String
    private let fd: Int32

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
    }

    deinit { close(fd) }
}
