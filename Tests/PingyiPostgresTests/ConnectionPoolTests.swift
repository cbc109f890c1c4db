import Foundation
import PingyiPostgres
import PingyiTestSupport
import Synchronization
import Testing

@Suite("Connection pool")
struct ConnectionPoolTests {
    @Test("200 concurrent queries share 4 connections and each gets its own answer")
    func concurrentQueries() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 4)
            let answers = try await withThrowingTaskGroup(of: (Int, Int, Int32).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            let row = try connection.query("SELECT \(index) * 2 AS doubled, pg_backend_pid() AS pid FROM pg_sleep(0.002)")[0]
                            return (index, try row.decode("doubled", as: Int.self), try row.decode("pid", as: Int32.self))
                        }
                    }
                }
                var answers: [(Int, Int, Int32)] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(answers.count == 200)
            #expect(answers.allSatisfy { $0.1 == $0.0 * 2 })
            let backends = Set(answers.map(\.2))
            #expect(backends.count <= 4)
            #expect(backends.count >= 2)  // the work really was spread
            #expect(pool.connectionCount <= 4)
            await pool.shutdown()
        }
    }

    @Test("a failed open hands its slot to a waiter, which tries at once instead of waiting out its timeout")
    func failedOpenWakesWaiter() async throws {
        // A "database" that accepts and drops every connection after 300 ms.
        let server = try await SilentServer.start(closeAfter: .milliseconds(300))
        let pool = ConnectionPool(configuration: .init(conninfo: server.conninfo, maxConnections: 1, checkoutTimeout: .seconds(8)))
        async let first: (any Error)? = {
            do {
                _ = try await pool.withConnection { _ in 1 }
                return nil
            } catch { return error }
        }()
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        let second: (any Error)?
        do {
            _ = try await pool.withConnection { _ in 2 }
            second = nil
        } catch { second = error }
        let waited = ContinuousClock.now - started
        #expect((await first as? PostgresError)?.code == .connectionFailure)
        // Before the fix the waiter sat out its 8 s and failed with pool_timeout.
        #expect((second as? PostgresError)?.code == .connectionFailure, "\(String(describing: second)) after \(waited)")
        #expect(pool.connectionCount == 0)
        await pool.shutdown()
        await server.stop()
    }

    @Test("a checkout waiting for a connection stops when its task is cancelled, and the connection goes to the next")
    func cancelledWaiter() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 1, checkoutTimeout: .seconds(20))
            let holder = Task { try await pool.withConnection { try $0.query("SELECT pg_sleep(2)") } }
            try await Task.sleep(for: .milliseconds(200))
            let waiter = Task { try await pool.withConnection { _ in "never" } }
            try await Task.sleep(for: .milliseconds(100))
            let cancelled = ContinuousClock.now
            waiter.cancel()
            let outcome = await waiter.result
            #expect(throws: CancellationError.self) { try outcome.get() }
            // At once, not when the holder gives the connection back (1.7 s later).
            #expect(ContinuousClock.now - cancelled < .seconds(1))
            _ = try await holder.value
            // The connection did not go to the cancelled waiter: the next checkout gets it.
            #expect(try await pool.withConnection { try $0.query("SELECT 7 AS n")[0].decode("n", as: Int.self) } == 7)
            #expect(pool.connectionCount == 1)
            await pool.shutdown()
        }
    }

    @Test("six cancelled waiters leave the queue at once (not at the checkout timeout); a later waiter gets the connection as soon as it is free")
    func cancelledWaitersLeave() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 1, checkoutTimeout: .seconds(10))
            let holder = Task { try await pool.withConnection { try $0.query("SELECT pg_sleep(1)") } }
            try await Task.sleep(for: .milliseconds(200))
            let gone = (0..<6).map { _ in Task { try await pool.withConnection { _ in "never" } } }
            try await Task.sleep(for: .milliseconds(100))
            let later = Task { try await pool.withConnection { _ in ContinuousClock.now } }
            try await Task.sleep(for: .milliseconds(100))
            #expect(pool.statistics.waiters == 7)
            let cancelled = ContinuousClock.now
            for task in gone { task.cancel() }
            for task in gone {
                let outcome = await task.result
                #expect(throws: CancellationError.self) { try outcome.get() }
            }
            #expect(ContinuousClock.now - cancelled < .seconds(1))
            #expect(pool.statistics.waiters == 1)
            _ = try await holder.value
            let freed = ContinuousClock.now
            let served = try await later.value
            #expect(served - freed < .seconds(1))
            #expect(pool.statistics.timeouts == 0 && pool.statistics.waiters == 0)
            await pool.shutdown()
        }
    }

    @Test("the pool recovers after its connections are killed with pg_terminate_backend")
    func recoversAfterTermination() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 4)
            // Open all four connections.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask { _ = try await pool.withConnection { try $0.query("SELECT pg_sleep(0.05)") } }
                }
                try await group.waitForAll()
            }
            let admin = try database.connect()
            let killed = try admin.query(
                """
                SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'pingyi'
                """)[0].decode("n", as: Int.self)
            #expect(killed >= 2)
            try await Task.sleep(for: .milliseconds(100))
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    group.addTask { try await pool.withConnection { try $0.query("SELECT \(index) AS i")[0].decode("i") } }
                }
                var results: [Int] = []
                for try await value in group { results.append(value) }
                return results
            }
            #expect(results.sorted() == Array(0..<40))
            // Statements prepared before the kill are prepared again on the new sessions.
            for _ in 0..<8 {
                _ = try await pool.withConnection { try $0.query("SELECT pg_sleep(0.05)") }
            }
            await pool.shutdown()
        }
    }

    @Test("a checkout that waits longer than the timeout fails with poolTimeout")
    func checkoutTimeout() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 1, checkoutTimeout: .milliseconds(200))
            // The holder keeps the only connection far longer than the timeout: a waiter that got
            // an answer before the holder finished can only have timed out.
            let holder = Task { try await pool.withConnection { try $0.query("SELECT pg_sleep(3)") } }
            try await Task.sleep(for: .milliseconds(300))
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withConnection { try $0.query("SELECT 1") }
            }
            #expect(error?.code == .poolTimeout)
            _ = try await holder.value
            // Once the holder is done the pool serves again.
            #expect(try await pool.withConnection { try $0.query("SELECT 1 AS one")[0].decode("one", as: Int.self) } == 1)
            await pool.shutdown()
        }
    }

    @Test("blocking work does not run on Swift's cooperative threads")
    func runsOffTheCooperativePool() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 4)
            let names = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await pool.withConnection { _ in Thread.current.name ?? "" } }
                }
                var names: [String] = []
                for try await name in group { names.append(name) }
                return names
            }
            #expect(names.allSatisfy { $0.contains("TP-") || $0.contains("ThreadPool") || $0.contains("NIO") })
            await pool.shutdown()
        }
    }
}
