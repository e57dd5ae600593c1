import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The open HTTP connections, which of them are idle, and the cap on how many may be open.
///
/// 1,100 idle connections once made every request, `/health` included, time out. Under the cap everything is accepted.
/// Past it, a new connection closes the one idle longest (open, no request in progress: an idle keep-alive, or a
/// client that connected and sent nothing), so a real request is never queued behind idle sockets; when every
/// connection is busy, the new connection itself is closed at once (the client retries) rather than left waiting.
/// The listening socket never stops accepting, so nothing piles up in the kernel's backlog.
///
/// Thread-safe: connections live on different event loops; the server channel reports accepts and closes.
final class ConnectionRoster: Sendable {
    let limit: Int

    private struct Entry {
        let channel: any Channel
        /// When the connection last became idle; nil while a request is being read or answered.
        var idleSince: ContinuousClock.Instant?
    }

    private struct State {
        /// Accepted connections, counted as the server channel accepts them (before they register).
        var open = 0
        var entries: [ObjectIdentifier: Entry] = [:]
        /// Connections accepted past the cap with no idle one to close: the next ones to register are closed instead.
        var refusals = 0
    }

    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// A connection was accepted. Past the cap, the connection idle longest is closed to make room, or, when none is
    /// idle yet, room is owed and made as the new one registers.
    func accepted() {
        let evicted = state.withLock { state -> (any Channel)? in
            state.open += 1
            guard state.open > limit else { return nil }
            guard let oldest = Self.takeOldestIdle(&state) else {
                state.refusals += 1
                return nil
            }
            return oldest
        }
        evicted?.close(promise: nil)
    }

    /// Removes and returns the registered connection idle longest, if any.
    private static func takeOldestIdle(_ state: inout State) -> (any Channel)? {
        let idle = state.entries.compactMap { key, entry in entry.idleSince.map { (key: key, since: $0, channel: entry.channel) } }
        guard let oldest = idle.min(by: { $0.since < $1.since }) else { return nil }
        state.entries[oldest.key] = nil
        return oldest.channel
    }

    func closed() {
        state.withLock { $0.open -= 1 }
    }

    /// A new connection's pipeline is ready: it is idle until its first request head. When room is owed (a burst of
    /// accepts outran registration), the connection idle longest by now is closed for it; only when every registered
    /// connection is busy is the new one closed itself. (Closing whichever registers next instead once closed a
    /// /health request that arrived right behind a burst of idle sockets.)
    func register(_ channel: any Channel) {
        let (refused, evicted) = state.withLock { state -> (Bool, (any Channel)?) in
            var evicted: (any Channel)?
            if state.refusals > 0 {
                state.refusals -= 1
                evicted = Self.takeOldestIdle(&state)
                if evicted == nil { return (true, nil) }
            }
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel, idleSince: .now)
            return (false, evicted)
        }
        evicted?.close(promise: nil)
        // Closed on the next loop turn, once Hummingbird has finished building the connection's pipeline.
        if refused { channel.eventLoop.execute { channel.close(promise: nil) } }
    }

    func unregister(_ channel: any Channel) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func markBusy(_ channel: any Channel) {
        state.withLock { $0.entries[ObjectIdentifier(channel)]?.idleSince = nil }
    }

    func markIdle(_ channel: any Channel) {
        state.withLock { $0.entries[ObjectIdentifier(channel)]?.idleSince = .now }
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
