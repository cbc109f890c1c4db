import NIOCore
import NIOPosix

/// A TCP listener on 127.0.0.1 that accepts connections and never answers them — a database
/// that is "up" but hangs — or, with `closeAfter`, closes each one after that long (a database
/// that fails every connection attempt, slowly). For tests of timeouts and failed opens.
public final class SilentServer: Sendable {
    private let channel: any Channel
    /// The port it listens on.
    public let port: Int

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// A libpq connection string to it.
    public var conninfo: String { "host=127.0.0.1 port=\(port) dbname=pingyi user=pingyi connect_timeout=5" }

    /// Starts listening on an ephemeral port.
    public static func start(closeAfter: Duration? = nil) async throws -> SilentServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                if let closeAfter {
                    child.eventLoop.scheduleTask(
                        in: .nanoseconds(
                            Int64(closeAfter.components.seconds) * 1_000_000_000
                                + closeAfter.components.attoseconds / 1_000_000_000)
                    ) {
                        child.close(promise: nil)
                    }
                }
                return child.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return SilentServer(channel: channel, port: channel.localAddress?.port ?? 0)
    }

    /// Stops listening (connections already accepted are left to their peers).
    public func stop() async {
        try? await channel.close()
    }
}
