import Logging
import NIOPosix
import Synchronization

/// A bounded pool of `Connection`s.
///
/// `withConnection` checks a connection out (waiting at most `checkoutTimeout` for one to come
/// free, and not at all once its task is cancelled), runs the caller's blocking body on the
/// pool's own `NIOThreadPool` — sized to the pool,
/// so that no blocking libpq call ever runs on a NIO event loop or on Swift's cooperative pool —
/// and checks the connection back in. A connection found broken at checkout is re-established.
///
/// The bookkeeping is `PoolStateMachine`, pure and unit-tested; this class keeps it and the
/// waiters' continuations behind a mutex rather than in an actor (a checkout that finds an idle
/// connection then costs no hop to another executor, which `bench/submit` showed to matter) and
/// carries out the actions it returns, outside the lock.
public final class ConnectionPool: Sendable {
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
        /// libpq's `connect_timeout` in seconds; `nil`: libpq's own (`PGCONNECT_TIMEOUT`, else none).
        public var connectTimeout: Int?

        /// Makes a configuration.
        public init(
            conninfo: String = "", database: String? = nil, maxConnections: Int = 8, checkoutTimeout: Duration = .seconds(10),
            connectTimeout: Int? = 10
        ) {
            self.conninfo = conninfo
            self.database = database
            self.connectTimeout = connectTimeout
            self.maxConnections = max(1, maxConnections)
            self.checkoutTimeout = checkoutTimeout
        }
    }

    /// What a waiter is given: a connection coming back, or the right to open one (a slot that a
    /// failed open gave up).
    private enum Grant {
        case connection(Connection)
        case openSlot
    }

    private struct Waiter {
        let continuation: CheckedContinuation<Grant, any Error>
        let timer: Task<Void, Never>
    }

    /// The state machine and the continuations of its waiters, under one lock.
    private struct State {
        var machine: PoolStateMachine<Connection>
        var waiters: [Int: Waiter] = [:]
        /// Checkouts that waited out `checkoutTimeout`, since the pool was made.
        var timeouts = 0
    }

    /// The pool at this moment, for the metrics.
    public struct Statistics: Sendable, Equatable {
        /// Connections open or being opened.
        public var open: Int
        /// Of those, idle.
        public var idle: Int
        /// Tasks waiting for a connection.
        public var waiters: Int
        /// Checkouts that timed out since the pool was made.
        public var timeouts: Int
        /// The most connections.
        public var size: Int
    }

    /// The configuration the pool was made with.
    public let configuration: Configuration
    private let threadPool: NIOThreadPool
    private let logger: Logger
    private let state: Mutex<State>

    /// Makes a pool; connections are opened on first use.
    public init(configuration: Configuration, logger: Logger = Logger(label: "pingyi.postgres")) {
        self.configuration = configuration
        self.logger = logger
        state = Mutex(State(machine: PoolStateMachine(maxConnections: configuration.maxConnections)))
        threadPool = NIOThreadPool(numberOfThreads: configuration.maxConnections)
        threadPool.start()
    }

    /// Runs `body` with a connection of the pool, on the pool's thread pool.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let connection = try await checkout()
        do {
            let value = try await threadPool.runIfActive {
                try connection.ensureAlive()
                return try body(connection)
            }
            checkin(connection)
            return value
        } catch {
            checkin(connection)
            throw error
        }
    }

    /// Runs `body` with a connection of the pool in the calling task, for bodies that only
    /// `send` (never the blocking `query`): a checkout that finds an idle connection costs no
    /// thread hop, and neither does the statement. Only re-establishing a broken connection
    /// (rare: `PQreset` blocks) runs on the pool's threads.
    public func withSendingConnection<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await checkout()
        do {
            if !connection.isAlive { try await threadPool.runIfActive { try connection.ensureAlive() } }
            let value = try await body(connection)
            checkin(connection)
            return value
        } catch {
            checkin(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction on a connection of the pool (see `Connection.transaction`).
    public func transaction<T: Sendable>(
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

    /// What the pool holds and who waits, now.
    public var statistics: Statistics {
        state.withLock { state in
            Statistics(
                open: state.machine.openCount, idle: state.machine.idle.count, waiters: state.machine.waiters.count, timeouts: state.timeouts,
                size: configuration.maxConnections)
        }
    }

    /// The number of connections open or being opened.
    public var connectionCount: Int { state.withLock { $0.machine.openCount } }

    /// Closes every idle connection, fails every waiter, and stops the thread pool. Connections
    /// in use are closed when they come back.
    public func shutdown() async {
        let (waiters, idle) = state.withLock { state -> ([Waiter], [Connection]) in
            let action = state.machine.shutdown()
            return (action.waiters.compactMap { state.waiters.removeValue(forKey: $0) }, action.idle)
        }
        for waiter in waiters {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: PostgresError(code: .poolClosed, message: "the pool is shut down"))
        }
        try? await threadPool.runIfActive { for connection in idle { connection.close() } }
        try? await threadPool.shutdownGracefully()
    }

    private func checkout() async throws -> Connection {
        switch state.withLock({ $0.machine.checkout() }) {
        case .use(let connection):
            return connection
        case .open:
            return try await open()
        case .wait:
            switch try await waitForConnection() {
            case .connection(let connection): return connection
            case .openSlot: return try await open()
            }
        case .closed:
            throw PostgresError(code: .poolClosed, message: "the pool is shut down")
        }
    }

    /// Opens a connection in a slot already counted. When opening fails the slot goes to the
    /// first waiter, which tries in turn (the database may be back by now) instead of waiting
    /// out its timeout for a connection that no one is opening.
    private func open() async throws -> Connection {
        let conninfo = configuration.conninfo
        let database = configuration.database
        let connectTimeout = configuration.connectTimeout
        let logger = self.logger
        do {
            return try await threadPool.runIfActive {
                try Connection(conninfo: conninfo, database: database, connectTimeout: connectTimeout, logger: logger)
            }
        } catch {
            let heir = state.withLock { state -> Waiter? in
                switch state.machine.openFailed() {
                case .passSlot(let id): return state.waiters.removeValue(forKey: id)
                case .releaseSlot: return nil
                }
            }
            if let heir {
                heir.timer.cancel()
                heir.continuation.resume(returning: .openSlot)
            }
            throw error
        }
    }

    /// Waits for a connection (or an open slot), at most `checkoutTimeout`; a cancelled task stops
    /// waiting at once with `CancellationError`.
    private func waitForConnection() async throws -> Grant {
        let id = state.withLock { $0.machine.nextWaiterID() }
        let timeout = configuration.checkoutTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    self?.expire(waiter: id, with: PostgresError(code: .poolTimeout, message: "no database connection became free in time"))
                }
                let action = state.withLock { state -> PoolStateMachine<Connection>.EnqueueAction in
                    let action = state.machine.enqueue(id, isCancelled: Task.isCancelled)
                    if case .wait = action { state.waiters[id] = Waiter(continuation: continuation, timer: timer) }
                    return action
                }
                switch action {
                case .take(let connection):
                    timer.cancel()
                    continuation.resume(returning: .connection(connection))
                case .cancelled:
                    timer.cancel()
                    continuation.resume(throwing: CancellationError())
                case .closed:
                    timer.cancel()
                    continuation.resume(throwing: PostgresError(code: .poolClosed, message: "the pool is shut down"))
                case .wait:
                    break
                }
            }
        } onCancel: {
            self.expire(waiter: id, with: CancellationError())
        }
    }

    private func expire(waiter id: Int, with error: any Error) {
        let waiter = state.withLock { state -> Waiter? in
            guard state.machine.expire(id) else { return nil }
            if let error = error as? PostgresError, error.code == .poolTimeout { state.timeouts += 1 }
            return state.waiters.removeValue(forKey: id)
        }
        waiter?.timer.cancel()
        waiter?.continuation.resume(throwing: error)
    }

    private func checkin(_ connection: Connection) {
        let (action, waiter) = state.withLock { state -> (PoolStateMachine<Connection>.CheckinAction, Waiter?) in
            let action = state.machine.checkin(connection)
            if case .hand(_, let id) = action { return (action, state.waiters.removeValue(forKey: id)) }
            return (action, nil)
        }
        switch action {
        case .close(let connection):
            connection.close()
        case .hand(let connection, _):
            guard let waiter else { return checkin(connection) }  // never: the machine and the map change together
            waiter.timer.cancel()
            waiter.continuation.resume(returning: .connection(connection))
        case .keep:
            break
        }
    }
}
