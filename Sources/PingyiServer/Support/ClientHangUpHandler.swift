import NIOCore

/// Watches one connection for its client hanging up: the end of its input (the client closed its
/// side: the server allows half-closure, so this is not a close of the channel) or the channel
/// going inactive (a reset). Hummingbird does not cancel a request's task when its client goes,
/// so a request waiting for a database connection would otherwise keep its place in the pool's
/// queue until the checkout timeout, and then run for nobody. Like nginx (499), a client that
/// closes its side is taken to have given up.
final class ClientHangUpHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let connections: ClientConnections
    private var channel: ObjectIdentifier?
    private var connection: ClientConnection?

    init(connections: ClientConnections) {
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = ObjectIdentifier(context.channel)
        self.channel = channel
        connection = connections.connect(channel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        end()
    }

    func channelInactive(context: ChannelHandlerContext) {
        end()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event { connection?.hangUp() }
        context.fireUserInboundEventTriggered(event)
    }

    private func end() {
        connection?.hangUp()
        connection = nil
        if let channel { connections.disconnect(channel) }
        channel = nil
    }
}
