import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The open HTTP connections, which of them are idle, and the cap on how many may be open.
///
/// 1,100 idle connections once made every request, `/health` included, time out. Under the cap everything is accepted.
/// Past it, the connections idle longest (open, no request in progress: an idle keep-alive, or a client that connected
/// and sent nothing) are closed to make room, so a real request is never queued behind idle sockets. Busy connections
/// are never closed: when every other connection is busy, the new one is closed once its grace is over.
/// The listening socket never stops accepting, so nothing piles up in the kernel's backlog.
///
/// A connection counts as idle only after `grace` without a request: a new connection gets that long to send its
/// request head, and room is decided only once every accepted connection has registered. A burst of accepts
/// registers out of order across event loops, and the head of a request that arrived with it may not be read yet;
/// deciding at once closed a /health request right behind a burst of idle sockets (in CI, under two earlier versions
/// of this rule). Past the cap, the open connections may exceed it by what arrives within one grace.
///
/// Times come from the connections' event loops (`EventLoop.now`: monotonic, virtual under test).
/// Thread-safe: connections live on different event loops; the server channel reports accepts and closes.
final class ConnectionRoster: Sendable {
    let limit: Int
    let grace: TimeAmount

    static let defaultGrace = TimeAmount.milliseconds(250)

    private struct Entry {
        let channel: any Channel
        /// When the connection last became idle; nil while a request is being read or answered.
        var idleSince: NIODeadline?
    }

    private struct State {
        /// Accepted connections, counted as the server channel accepts them (before they register).
        var open = 0
        var entries: [ObjectIdentifier: Entry] = [:]
        /// A later look is scheduled for connections still within their grace.
        var lookScheduled = false
    }

    /// What one look at the roster decided.
    private struct Decision {
        var evicted: [any Channel] = []
        /// Room is still owed and some idle connection is within its grace: look again then, on that loop.
        var lookAgain: (at: NIODeadline, on: any EventLoop)?
    }

    private let state = Mutex(State())

    init(limit: Int, grace: TimeAmount = defaultGrace) {
        self.limit = limit
        self.grace = grace
    }

    /// A connection was accepted; room is made once it has registered.
    func accepted() {
        state.withLock { $0.open += 1 }
    }

    /// A connection closed. Connections registered while earlier evictions were still closing left room owed; it is
    /// made now that the count is whole again.
    func closed() {
        carryOut(state.withLock { state in
            state.open -= 1
            return look(&state)
        })
    }

    /// A new connection's pipeline is ready: it is idle until its first request head.
    func register(_ channel: any Channel) {
        carryOut(state.withLock { state in
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel, idleSince: channel.eventLoop.now)
            return look(&state)
        })
    }

    func unregister(_ channel: any Channel) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func markBusy(_ channel: any Channel) {
        state.withLock { $0.entries[ObjectIdentifier(channel)]?.idleSince = nil }
    }

    func markIdle(_ channel: any Channel) {
        state.withLock { $0.entries[ObjectIdentifier(channel)]?.idleSince = channel.eventLoop.now }
    }

    /// Once every accepted connection has registered and the open ones exceed the cap, removes the connections idle
    /// longest (past their grace) until they fit; fewer when too few are idle, as busy connections are never closed.
    private func look(_ state: inout State) -> Decision {
        let excess = state.open - limit
        guard excess > 0, state.entries.count >= state.open, let anyEntry = state.entries.first?.value else { return Decision() }
        let now = anyEntry.channel.eventLoop.now
        let idle = state.entries.compactMap { key, entry in entry.idleSince.map { (key: key, since: $0, channel: entry.channel) } }
            .sorted { $0.since < $1.since }
        let pastGrace = idle.prefix { $0.since + grace <= now }
        var decision = Decision()
        for connection in pastGrace.prefix(excess) {
            state.entries[connection.key] = nil
            decision.evicted.append(connection.channel)
        }
        if pastGrace.count < excess, let next = idle.dropFirst(pastGrace.count).first, !state.lookScheduled {
            state.lookScheduled = true
            decision.lookAgain = (next.since + grace, next.channel.eventLoop)
        }
        return decision
    }

    private func lookAgain() {
        carryOut(state.withLock { state in
            state.lookScheduled = false
            return look(&state)
        })
    }

    /// Closes the evicted connections, each on its channel's next loop turn (a new connection may be one of them, and
    /// Hummingbird may still be building its pipeline), and schedules the next look.
    private func carryOut(_ decision: Decision) {
        for channel in decision.evicted { channel.eventLoop.execute { channel.close(promise: nil) } }
        if let (deadline, loop) = decision.lookAgain {
            loop.scheduleTask(deadline: deadline) { self.lookAgain() }
        }
    }

    /// Hummingbird's hook on the listening channel, which reports accepts and closes. It is never told to stop
    /// accepting: the roster makes room instead.
    struct Cap: AvailableConnectionsDelegate {
        let roster: ConnectionRoster

        mutating func connectionOpened() { roster.accepted() }
        mutating func connectionClosed() { roster.closed() }
        func isAcceptingNewConnections() -> Bool { true }
    }

    /// Per connection, after HTTP decoding: busy from a request head until its response ends, idle otherwise.
    final class Tracker: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart

        private let roster: ConnectionRoster

        init(roster: ConnectionRoster) {
            self.roster = roster
        }

        func handlerAdded(context: ChannelHandlerContext) {
            roster.register(context.channel)
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            roster.unregister(context.channel)
        }

        func channelInactive(context: ChannelHandlerContext) {
            roster.unregister(context.channel)
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .head = unwrapInboundIn(data) { roster.markBusy(context.channel) }
            context.fireChannelRead(data)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            if case .end = unwrapOutboundIn(data) { roster.markIdle(context.channel) }
            context.write(data, promise: promise)
        }
    }
}

@available(*, unavailable)
extension ConnectionRoster.Tracker: Sendable {}
