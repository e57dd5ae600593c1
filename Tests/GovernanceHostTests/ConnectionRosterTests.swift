import NIOCore
import NIOEmbedded
import Testing

@testable import GovernanceHost

/// The cap's rule with the order and timing of events fixed, on one embedded event loop whose clock the test moves:
/// a burst of accepts registers out of order across event loops, and the head of a request that came with it may not
/// be read yet. Two earlier versions of the rule closed a /health request in CI that way.
@Suite struct ConnectionRosterTests {
    let loop = EmbeddedEventLoop()

    /// A connected in-memory channel; `isActive` turns false once the roster has closed it.
    func connection() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    /// Twelve idle sockets and then a request are accepted; the request's connection registers first and its head is
    /// read only after the others registered. The idle sockets are the ones closed, once their grace is over.
    @Test func aRequestThatRegistersAheadOfIdleSocketsIsKept() throws {
        let roster = ConnectionRoster(limit: 4, grace: .seconds(1))
        let idle = try (0..<12).map { _ in try connection() }
        let request = try connection()
        for _ in 0...idle.count { roster.accepted() }
        roster.register(request)
        for channel in idle { roster.register(channel) }
        loop.run()
        #expect(idle.allSatisfy { $0.isActive }, "nothing is closed within the grace")
        roster.markBusy(request)
        loop.advanceTime(by: .seconds(1))
        #expect(request.isActive, "the request's connection is kept")
        #expect(idle.filter { !$0.isActive }.count == 9, "nine idle sockets are closed to fit the cap of 4")
    }

    /// When every other connection is busy, the new one is closed once its grace is over, not before; busy connections
    /// are never closed to make room.
    @Test func pastTheCapWithEveryConnectionBusyTheNewOneIsClosedAfterItsGrace() throws {
        let roster = ConnectionRoster(limit: 2, grace: .seconds(1))
        let busy = try (0..<2).map { _ in try connection() }
        for channel in busy {
            roster.accepted()
            roster.register(channel)
            roster.markBusy(channel)
        }
        let extra = try connection()
        roster.accepted()
        roster.register(extra)
        loop.advanceTime(by: .milliseconds(900))
        #expect(extra.isActive, "within its grace")
        loop.advanceTime(by: .milliseconds(100))
        #expect(!extra.isActive)
        #expect(busy.allSatisfy { $0.isActive })
    }

    /// Connections that registered while an evicted one was still closing leave room owed; it is made when that close
    /// is counted, so the cap holds once things settle.
    @Test func roomOwedWhileAnEvictionClosesIsMadeWhenItCloses() throws {
        let roster = ConnectionRoster(limit: 1, grace: .seconds(1))
        let first = try connection()
        roster.accepted()
        roster.register(first)
        loop.advanceTime(by: .seconds(2))
        let second = try connection()
        roster.accepted()
        roster.register(second)
        loop.run()
        #expect(!first.isActive, "the one idle past its grace makes room")
        loop.advanceTime(by: .milliseconds(500))
        let third = try connection()
        roster.accepted()
        roster.register(third)  // three counted open, two registered: nothing is decided yet
        loop.advanceTime(by: .seconds(2))
        #expect(second.isActive && third.isActive)
        roster.unregister(first)
        roster.closed()  // two open for a cap of one
        loop.run()
        #expect(!second.isActive, "the one idle longer is closed")
        #expect(third.isActive)
    }
}
