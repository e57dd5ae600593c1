#if canImport(Glibc)
import Glibc
#endif

/// Talks to systemd's notify socket (`Type=notify`): READY=1 once running, WATCHDOG=1 from the loop, STATUS= lines,
/// STOPPING=1 on shutdown. Without systemd (`NOTIFY_SOCKET` unset) every call is a no-op, so the same binary runs anywhere.
public final class SystemdNotifier: Sendable {
    private let socketPath: String?

    /// Reads `NOTIFY_SOCKET` from the environment (or takes it explicitly, for tests).
    public init(socketPath: String? = SystemdNotifier.environmentSocket()) {
        self.socketPath = socketPath.flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func environmentSocket() -> String? {
        getenv("NOTIFY_SOCKET").map { String(cString: $0) }
    }

    public var isActive: Bool { socketPath != nil }

    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    public func watchdog() { send("WATCHDOG=1") }
    public func status(_ text: String) { send("STATUS=\(text)") }
    public func stopping() { send("STOPPING=1") }

    /// Sends one datagram; failures are ignored (systemd may have gone away; the loop must not care).
    public func send(_ message: String) {
        guard let socketPath else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        // "@name" is an abstract socket: a leading NUL byte instead of '@'.
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
    }
}
