import Foundation
import Testing

@testable import AnimaRuntime

/// The notifier against a real AF_UNIX datagram socket standing in for systemd.
@Suite struct SystemdNotifierTests {
    @Test func sendsReadyWatchdogAndStatusDatagrams() throws {
        let path = "/tmp/anima-notify-\(UUID().uuidString.prefix(8))"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd); unlink(path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)

        let notifier = SystemdNotifier(socketPath: path)
        #expect(notifier.isActive)
        notifier.ready(status: "drawing")
        notifier.watchdog()
        notifier.status("era gestural, 120 marks")
        notifier.stopping()

        var received: [String] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        for _ in 0..<4 {
            let count = recv(fd, &buffer, buffer.count, 0)
            received.append(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self))
        }
        #expect(received == ["READY=1\nSTATUS=drawing", "WATCHDOG=1", "STATUS=era gestural, 120 marks", "STOPPING=1"])
    }

    @Test func withoutNotifySocketEverythingIsANoOp() {
        let notifier = SystemdNotifier(socketPath: nil)
        #expect(!notifier.isActive)
        notifier.ready(status: "x")
        notifier.watchdog()
    }
}
