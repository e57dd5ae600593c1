import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP connection a test drives byte by byte: half a request head, a body trickled one byte at a time, or
/// nothing at all, then waits to see whether the server closes it.
///
/// Waits block in recv, so they run on a thread of their own (`OffPool`): blocking the two-thread cooperative pool
/// for seconds starved every other suite `make test` runs at once (a pool waiter timed out behind a holder that could
/// not get a thread to release its connection). Unchecked Sendable: one test drives it, one call at a time.
final class RawConnection: @unchecked Sendable {
    private let fd: Int32
    /// Everything the server wrote so far (for failure messages).
    private(set) var received: [UInt8] = []
    var receivedText: String { String(decoding: received, as: UTF8.self) }

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw HTTPFailure(message: "connect to 127.0.0.1:\(port) failed")
        }
        var tick = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tick, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends `text`; false when the server has already closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Seconds until the server closed the connection, or nil if it is still open after `limit`. Whatever the server
    /// writes meanwhile is read and ignored; `everyTick` runs about every 0.1 s (to trickle bytes).
    func secondsUntilClosed(within limit: Double, everyTick: @escaping @Sendable () -> Void = {}) async -> Double? {
        await OffPool.run { self.blockingSecondsUntilClosed(within: limit, everyTick: everyTick) }
    }

    private func blockingSecondsUntilClosed(within limit: Double, everyTick: () -> Void) -> Double? {
        let started = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(started) < limit {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { received.append(contentsOf: buffer[0..<count]) }
            if count == 0 { return Date().timeIntervalSince(started) }
            if count < 0, errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR { return Date().timeIntervalSince(started) }
            everyTick()
        }
        return nil
    }
}

/// Runs blocking work (socket waits) on a new thread, off the cooperative pool, and awaits its result.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}
