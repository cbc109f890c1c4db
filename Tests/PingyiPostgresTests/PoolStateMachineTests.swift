import Testing

@testable import PingyiPostgres

/// The pool's bookkeeping without a database: connections are plain strings here.
@Suite("Pool state machine")
struct PoolStateMachineTests {
    typealias Machine = PoolStateMachine<String>

    /// Records a failed step (the `guard case` lines read: expect this action, else say why).
    static func fail(_ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
        Issue.record(comment, sourceLocation: sourceLocation)
    }

    static func opened(_ machine: inout Machine, _ count: Int) {
        for _ in 0..<count {
            guard case .open = machine.checkout() else {
                Issue.record("expected an open")
                return
            }
        }
    }

    @Test("checkouts open up to the maximum, then wait; a connection back goes to the first waiter, else idle")
    func checkoutAndCheckin() {
        var machine = Machine(maxConnections: 2)
        Self.opened(&machine, 2)
        #expect(machine.openCount == 2)
        guard case .wait = machine.checkout() else { return Self.fail("a third checkout should wait") }
        let first = machine.nextWaiterID()
        let second = machine.nextWaiterID()
        guard case .wait = machine.enqueue(first, isCancelled: false), case .wait = machine.enqueue(second, isCancelled: false) else {
            return Self.fail("both should queue")
        }
        guard case .hand("a", let to) = machine.checkin("a") else { return Self.fail("a should go to a waiter") }
        #expect(to == first)  // first come, first served
        guard case .hand("b", second) = machine.checkin("b") else { return Self.fail("b should go to the second waiter") }
        guard case .keep = machine.checkin("a") else { return Self.fail("with nobody waiting, a stays idle") }
        guard case .use("a") = machine.checkout() else { return Self.fail("an idle connection is used first") }
        #expect(machine.openCount == 2 && machine.waiters.isEmpty)
    }

    @Test("a connection back between a waiter's checkout and its queueing is taken, not waited for")
    func takeInsteadOfWaiting() {
        var machine = Machine(maxConnections: 1)
        Self.opened(&machine, 1)
        guard case .wait = machine.checkout() else { return Self.fail("should wait") }
        guard case .keep = machine.checkin("a") else { return Self.fail("nobody queued yet") }
        guard case .take("a") = machine.enqueue(machine.nextWaiterID(), isCancelled: false) else { return Self.fail("should take a") }
        #expect(machine.waiters.isEmpty && machine.idle.isEmpty)
    }

    @Test("a failed open passes its slot to the first waiter, or gives it up")
    func failedOpens() {
        var machine = Machine(maxConnections: 1)
        Self.opened(&machine, 1)
        guard case .wait = machine.checkout() else { return Self.fail("should wait") }
        let waiter = machine.nextWaiterID()
        _ = machine.enqueue(waiter, isCancelled: false)
        guard case .passSlot(to: waiter) = machine.openFailed() else { return Self.fail("the slot should pass on") }
        #expect(machine.openCount == 1 && machine.waiters.isEmpty)  // still counted: the heir opens
        guard case .releaseSlot = machine.openFailed() else { return Self.fail("nobody left: the slot is given up") }
        #expect(machine.openCount == 0)
        guard case .open = machine.checkout() else { return Self.fail("the freed slot can be opened again") }
    }

    @Test("a cancelled or timed-out waiter leaves the queue and is never handed a connection")
    func cancellation() {
        var machine = Machine(maxConnections: 1)
        Self.opened(&machine, 1)
        guard case .cancelled = machine.enqueue(machine.nextWaiterID(), isCancelled: true) else {
            return Self.fail("a cancelled task does not queue")
        }
        let gone = machine.nextWaiterID()
        let staying = machine.nextWaiterID()
        _ = machine.enqueue(gone, isCancelled: false)
        _ = machine.enqueue(staying, isCancelled: false)
        let expired = machine.expire(gone)
        let expiredAgain = machine.expire(gone)  // already out: the timer and the cancellation may both fire
        #expect(expired && !expiredAgain)
        guard case .hand("a", staying) = machine.checkin("a") else { return Self.fail("the remaining waiter gets it") }
        let late = machine.expire(staying)  // handed a connection first: its late timeout changes nothing
        #expect(!late)
    }

    @Test("six waiters cancelled (six clients that hung up) leave the queue at once: the next connection back goes to the waiter after them")
    func cancelledWaitersLeave() {
        var machine = Machine(maxConnections: 1)
        Self.opened(&machine, 1)
        let gone = (0..<6).map { _ in machine.nextWaiterID() }
        for id in gone {
            guard case .wait = machine.enqueue(id, isCancelled: false) else { return Self.fail("should queue") }
        }
        let later = machine.nextWaiterID()
        _ = machine.enqueue(later, isCancelled: false)
        for id in gone {
            let left = machine.expire(id)
            #expect(left)
        }
        #expect(machine.waiters == [later])
        guard case .hand("a", later) = machine.checkin("a") else { return Self.fail("the later waiter gets the connection") }
        #expect(machine.waiters.isEmpty && machine.idle.isEmpty && machine.openCount == 1)
    }

    @Test("shutdown fails every waiter and closes idle connections; those in use close when they come back; then nothing opens")
    func shutdownWithWaiters() {
        var machine = Machine(maxConnections: 3)
        Self.opened(&machine, 3)  // a, b, c in use
        guard case .keep = machine.checkin("c") else { return Self.fail("c goes idle") }
        guard case .use("c") = machine.checkout() else { return Self.fail("c is used again") }
        guard case .wait = machine.checkout() else { return Self.fail("all three slots are taken") }
        let waiterB = machine.nextWaiterID()
        let waiterC = machine.nextWaiterID()
        _ = machine.enqueue(waiterB, isCancelled: false)
        _ = machine.enqueue(waiterC, isCancelled: false)
        guard case .hand("a", waiterB) = machine.checkin("a") else { return Self.fail("B gets a") }
        guard case .hand("b", waiterC) = machine.checkin("b") else { return Self.fail("C gets b") }
        guard case .keep = machine.checkin("c") else { return Self.fail("c goes idle") }
        let done = machine.shutdown()
        #expect(done.waiters.isEmpty && done.idle == ["c"])
        #expect(machine.openCount == 2)  // a and b are still in use
        guard case .close("a") = machine.checkin("a") else { return Self.fail("after shutdown a connection back is closed") }
        guard case .close("b") = machine.checkin("b") else { return Self.fail("closed too") }
        #expect(machine.openCount == 0)
        guard case .closed = machine.checkout() else { return Self.fail("no checkout after shutdown") }
        guard case .closed = machine.enqueue(machine.nextWaiterID(), isCancelled: false) else { return Self.fail("no queueing") }
        let again = machine.shutdown()
        #expect(again.waiters.isEmpty && again.idle.isEmpty)
    }

    @Test("shutdown hands back the queued waiters to fail, in order")
    func shutdownFailsWaiters() {
        var machine = Machine(maxConnections: 1)
        Self.opened(&machine, 1)
        let ids = (0..<3).map { _ in machine.nextWaiterID() }
        for id in ids { _ = machine.enqueue(id, isCancelled: false) }
        #expect(machine.shutdown().waiters == ids)
        guard case .releaseSlot = machine.openFailed() else { return Self.fail("a failed open after shutdown gives its slot up") }
        #expect(machine.openCount == 0)
    }
}
