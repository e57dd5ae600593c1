import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body is not complete within `timeout` of its head, and, when the server starts
/// shutting down, at once.
///
/// Hummingbird's idle timeout (`HTTPConnectionStateHandler`) already closes a connection that sends no complete head,
/// or stops sending, for that long; but every body part resets it, so a client trickling one byte at a time could hold
/// a request open indefinitely. And on SIGTERM Hummingbird waits for every request in progress to be answered, which a
/// client holding a half-sent body never lets happen: a stalled upload once blocked shutdown forever. A request whose
/// body has not fully arrived has not been acted on, so closing it loses nothing the client will not retry.
///
/// One instance per connection, added after HTTP decoding; it runs on the connection's event loop only.
final class RequestBodyDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private let logger: Logger
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    private var isReadingBody: Bool { deadline != nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            let timeout = timeout
            let logger = logger
            deadline?.cancel()
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                logger.notice("closing a connection: its request body was not complete within \(timeout.nanoseconds / 1_000_000_000) s")
                context.close(promise: nil)
            }
        case .body:
            break
        case .end:
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, isReadingBody {
            logger.notice("closing a connection at shutdown: its request body had not arrived in full")
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension RequestBodyDeadlineHandler: Sendable {}
