/// The bookkeeping of `ConnectionPool` as a pure state machine: each event (a checkout, a
/// connection back, an open that failed, a waiter's timeout or cancellation, shutdown) changes
/// the state and returns what the pool must do — use, open or close a connection, resume a
/// waiter — and the pool does it outside its lock. Nothing here blocks, awaits or touches libpq,
/// so every path is unit-tested without a database (`PoolStateMachineTests`), in the manner of
/// postgres-nio's `PoolStateMachine`.
///
/// Invariant: `openCount` = idle connections + connections in use + opens in progress (a slot
/// handed to a waiter by a failed open counts as an open in progress).
struct PoolStateMachine<Connection> {
    /// A task waiting for a connection, by the pool's number for it.
    typealias WaiterID = Int

    /// What a checkout must do.
    enum CheckoutAction {
        /// Use this idle connection.
        case use(Connection)
        /// Open a connection: a slot is counted for it.
        case open
        /// Wait (`enqueue`): every slot is taken.
        case wait
        /// The pool is shut down.
        case closed
    }

    /// What a waiter about to be queued must do.
    enum EnqueueAction {
        /// A connection came back meanwhile: take it instead of waiting.
        case take(Connection)
        /// Its task was cancelled: fail with `CancellationError` at once.
        case cancelled
        /// It is queued; it will be handed a connection or a slot, or expire.
        case wait
        /// The pool was shut down meanwhile.
        case closed
    }

    /// What a connection coming back leads to.
    enum CheckinAction {
        /// Hand it to this waiter.
        case hand(Connection, to: WaiterID)
        /// Keep it idle.
        case keep
        /// The pool is shut down: close it.
        case close(Connection)
    }

    /// What a failed open leads to.
    enum OpenFailedAction {
        /// The slot passes to this waiter, which opens in turn (the database may be back).
        case passSlot(to: WaiterID)
        /// The slot is given up.
        case releaseSlot
    }

    /// What shutting down must finish.
    struct ShutdownAction {
        /// Waiters to fail with `.poolClosed`.
        var waiters: [WaiterID]
        /// Idle connections to close.
        var idle: [Connection]
    }

    let maxConnections: Int
    private(set) var idle: [Connection] = []
    private(set) var openCount = 0
    private(set) var waiters: [WaiterID] = []
    private(set) var isClosed = false
    private var lastWaiterID = 0

    init(maxConnections: Int) {
        self.maxConnections = max(1, maxConnections)
    }

    /// A task wants a connection.
    mutating func checkout() -> CheckoutAction {
        guard !isClosed else { return .closed }
        if let connection = idle.popLast() { return .use(connection) }
        guard openCount < maxConnections else { return .wait }
        openCount += 1
        return .open
    }

    /// A number for a task about to wait.
    mutating func nextWaiterID() -> WaiterID {
        lastWaiterID += 1
        return lastWaiterID
    }

    /// Queues `waiter` — unless a connection came back since its checkout, or its task was
    /// cancelled, or the pool was shut down.
    mutating func enqueue(_ waiter: WaiterID, isCancelled: Bool) -> EnqueueAction {
        guard !isClosed else { return .closed }
        if let connection = idle.popLast() { return .take(connection) }
        if isCancelled { return .cancelled }
        waiters.append(waiter)
        return .wait
    }

    /// A connection comes back: to the first waiter, else idle; after shutdown it is closed.
    mutating func checkin(_ connection: Connection) -> CheckinAction {
        if isClosed {
            openCount -= 1
            return .close(connection)
        }
        if !waiters.isEmpty { return .hand(connection, to: waiters.removeFirst()) }
        idle.append(connection)
        return .keep
    }

    /// An open failed: its slot goes to the first waiter (still counted), else it is given up.
    mutating func openFailed() -> OpenFailedAction {
        if !isClosed, !waiters.isEmpty { return .passSlot(to: waiters.removeFirst()) }
        openCount -= 1
        return .releaseSlot
    }

    /// A waiter's timeout passed or its task was cancelled: it leaves the queue. False when it
    /// was no longer queued (it was handed something, or the pool shut down, first).
    mutating func expire(_ waiter: WaiterID) -> Bool {
        guard let position = waiters.firstIndex(of: waiter) else { return false }
        waiters.remove(at: position)
        return true
    }

    /// Shuts down: every waiter fails, idle connections close; connections in use close when
    /// they come back. A second shutdown does nothing.
    mutating func shutdown() -> ShutdownAction {
        guard !isClosed else { return ShutdownAction(waiters: [], idle: []) }
        isClosed = true
        let action = ShutdownAction(waiters: waiters, idle: idle)
        waiters.removeAll()
        openCount -= idle.count
        idle.removeAll()
        return action
    }
}
