import NIOCore
import Synchronization

/// The open connections of the server, by channel, each with its `ClientConnection`: the channel
/// handler (`ClientHangUpHandler`, one per connection) adds and removes them, and a request finds
/// its own by the channel it came on (`PingyiRequestContext.connection`).
final class ClientConnections: Sendable {
    private let open = Mutex<[ObjectIdentifier: ClientConnection]>([:])

    /// A connection that starts.
    func connect(_ channel: ObjectIdentifier) -> ClientConnection {
        let connection = ClientConnection()
        open.withLock { $0[channel] = connection }
        return connection
    }

    /// A connection that ended.
    func disconnect(_ channel: ObjectIdentifier) {
        open.withLock { $0[channel] = nil }
    }

    /// The connection of a channel, while it is open.
    subscript(channel: ObjectIdentifier) -> ClientConnection? {
        open.withLock { $0[channel] }
    }

    /// How many connections are open.
    var count: Int { open.withLock { $0.count } }
}
