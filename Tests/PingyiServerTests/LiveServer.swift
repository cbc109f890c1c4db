import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import PingyiConfiguration
import PingyiServer
import PingyiTestSupport
import ServiceLifecycle

/// The real application on a real socket (`buildApplication`, as `pingyi serve` runs it), for what
/// the router test framework cannot show: the peer's address as the kernel gives it (dual stack on
/// `::`), and clients that hang up.
struct LiveServer: Sendable {
    let fixture: CountyFixture
    /// The port it listens on.
    let port: Int

    /// Serves the small county on `host` (a free port) while `body` runs.
    static func run(
        host: String, logger: Logger = ServerHarness.quietLogger, configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (LiveServer) async throws -> Void
    ) async throws {
        try await CountyFixture.withCounty { fixture in
            var configuration = ServerConfiguration(
                host: host, port: 0, conninfo: TestDatabase.serverConninfo, database: fixture.database.name, poolSize: 2,
                maxFailedLookups: 5, formSecret: Data("test-form-secret-0123456789".utf8))
            configure(&configuration)
            let (ports, port) = AsyncStream.makeStream(of: Int.self)
            let application = try await buildApplication(configuration, logger: logger) { channel in
                port.yield(channel.localAddress?.port ?? 0)
                port.finish()
            }
            let services = ServiceGroup(configuration: .init(services: [application], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run() }
                var iterator = ports.makeAsyncIterator()
                guard let listening = await iterator.next() else { throw CancellationError() }
                do {
                    try await body(LiveServer(fixture: fixture, port: listening))
                } catch {
                    await services.triggerGracefulShutdown()
                    throw error
                }
                await services.triggerGracefulShutdown()
            }
        }
    }

    /// One request on its own connection from `source` (a local address to connect from, e.g.
    /// `127.0.0.2`) to `host`; the status and the body. `Connection: close` is added.
    func request(
        _ path: String, method: String = "GET", to host: String, from source: String? = nil, headers: [String: String] = [:], body: String = ""
    ) async throws -> (status: Int, text: String) {
        let channel = try await Self.connect(to: host, port: port, from: source)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: pingyi.test\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let answer = try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: head + "\r\n" + body))
            var answer = ""
            for try await part in inbound { answer += String(buffer: part) }
            return answer
        }
        let status = answer.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, answer)
    }

    /// Sends a request and hangs up without waiting for the answer, as a browser whose user gave up.
    func hangUp(_ path: String, to host: String, headers: [String: String] = [:]) async throws {
        let channel = try await Self.connect(to: host, port: port, from: nil)
        var head = "GET \(path) HTTP/1.1\r\nHost: pingyi.test\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        try await channel.executeThenClose { _, outbound in
            try await outbound.write(ByteBuffer(string: head + "\r\n"))
        }
    }

    static func connect(to host: String, port: Int, from source: String?) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let source { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0)) }
        return try await bootstrap.connect(host: host, port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
    }
}
