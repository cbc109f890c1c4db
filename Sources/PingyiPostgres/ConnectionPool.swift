import Logging
import NIOPosix

/// A bounded pool of `Connection`s.
///
/// `withConnection` checks a connection out (waiting at most `checkoutTimeout` for one to come
/// free), runs the caller's blocking body on the pool's own `NIOThreadPool` — sized to the pool,
/// so that no blocking libpq call ever runs on a NIO event loop or on Swift's cooperative pool —
/// and checks the connection back in. A connection found broken at checkout is re-established.
public actor ConnectionPool {
    /// What the pool connects to and how many connections it keeps.
    public struct Configuration: Sendable {
        /// libpq connection string or URL; empty for libpq's `PG*` environment defaults.
        public var conninfo: String
        /// A database name that overrides the one of `conninfo`.
        public var database: String?
        /// The most connections open at once.
        public var maxConnections: Int
        /// How long `withConnection` waits for a free connection before failing with `.poolTimeout`.
        public var checkoutTimeout: Duration

        /// Makes a configuration.
        public init(
            conninfo: String = "", database: String? = nil, maxConnections: Int = 8, checkoutTimeout: Duration = .seconds(10)
        ) {
            self.conninfo = conninfo
            self.database = database
            self.maxConnections = max(1, maxConnections)
            self.checkoutTimeout = checkoutTimeout
        }
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Connection, any Error>
        let timeout: Task<Void, Never>
    }

    /// The configuration the pool was made with.
    public nonisolated let configuration: Configuration
    private nonisolated let threadPool: NIOThreadPool
    private nonisolated let logger: Logger
    private var idle: [Connection] = []
    private var openCount = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var isClosed = false

    /// Makes a pool; connections are opened on first use.
    public init(configuration: Configuration, logger: Logger = Logger(label: "pingyi.postgres")) {
        self.configuration = configuration
        self.logger = logger
        threadPool = NIOThreadPool(numberOfThreads: configuration.maxConnections)
        threadPool.start()
    }

    /// Runs `body` with a connection of the pool, on the pool's thread pool.
    public nonisolated func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        let connection = try await checkout()
        do {
            let value = try await threadPool.runIfActive {
                try connection.ensureAlive()
                return try body(connection)
            }
            await checkin(connection)
            return value
        } catch {
            await checkin(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction on a connection of the pool (see `Connection.transaction`).
    public nonisolated func transaction<T: Sendable>(
        _ isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 3,
        _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        let logger = self.logger
        return try await withConnection { connection in
            try connection.transaction(
                isolation, maxAttempts: maxAttempts,
                onRetry: { attempt, error in
                    logger.notice("postgres: transaction retried", metadata: ["attempt": "\(attempt)", "code": "\(error.code)"])
                }, body)
        }
    }

    /// The number of connections open or being opened.
    public var connectionCount: Int { openCount }

    /// Closes every idle connection, fails every waiter, and stops the thread pool. Connections
    /// in use are closed when they come back.
    public func shutdown() async {
        guard !isClosed else { return }
        isClosed = true
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: PostgresError(code: .poolClosed, message: "the pool is shut down"))
        }
        waiters.removeAll()
        let connections = idle
        idle.removeAll()
        openCount -= connections.count
        try? await threadPool.runIfActive { connections.forEach { $0.close() } }
        try? await threadPool.shutdownGracefully()
    }

    private func checkout() async throws -> Connection {
        guard !isClosed else { throw PostgresError(code: .poolClosed, message: "the pool is shut down") }
        if let connection = idle.popLast() {
            return connection
        }
        if openCount < configuration.maxConnections {
            openCount += 1
            let conninfo = configuration.conninfo
            let database = configuration.database
            let logger = self.logger
            do {
                return try await threadPool.runIfActive { try Connection(conninfo: conninfo, database: database, logger: logger) }
            } catch {
                openCount -= 1
                throw error
            }
        }
        let id = nextWaiterID
        nextWaiterID += 1
        let timeout = configuration.checkoutTimeout
        return try await withCheckedThrowingContinuation { continuation in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return }
                await self?.expire(waiter: id)
            }
            waiters.append(Waiter(id: id, continuation: continuation, timeout: timer))
        }
    }

    private func expire(waiter id: Int) {
        guard let position = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: position)
        waiter.continuation.resume(
            throwing: PostgresError(code: .poolTimeout, message: "no database connection became free in time"))
    }

    private func checkin(_ connection: Connection) {
        if isClosed {
            openCount -= 1
            connection.close()
            return
        }
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: connection)
            return
        }
        idle.append(connection)
    }
}
