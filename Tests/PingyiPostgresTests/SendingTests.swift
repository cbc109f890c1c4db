import Foundation
import PingyiPostgres
import PingyiTestSupport
import Testing

@Suite("Statements sent without blocking a thread")
struct SendingTests {
    @Test("200 concurrent sends on 4 connections each get their own answer, prepared once per connection")
    func concurrentSends() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 4)
            let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await pool.withSendingConnection { connection in
                            let row = try await connection.send("SELECT \(index) * 2 AS doubled FROM pg_sleep(0.002)")[0]
                            return (index, try row.decode("doubled", as: Int.self))
                        }
                    }
                }
                var answers: [(Int, Int)] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(answers.count == 200)
            #expect(answers.allSatisfy { $0.1 == $0.0 * 2 })
            // The statement was prepared once per connection, not once per call.
            let prepared = try await pool.withConnection { connection in
                try connection.query(
                    "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%pg_sleep(0.002)%' AND statement NOT LIKE '%pg_prepared%'"
                )[0]
                .decode("n", as: Int.self)
            }
            #expect(prepared == 1)
            await pool.shutdown()
        }
    }

    @Test("an error answers with its SQLSTATE and the connection serves the next statement")
    func errorsAndReuse() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 1)
            let failure = await #expect(throws: PostgresError.self) {
                try await pool.withSendingConnection { connection in try await connection.send("SELECT 1 / \(0) AS x") }
            }
            #expect(failure?.sqlState == "22012")
            let nul = await #expect(throws: PostgresError.self) {
                try await pool.withSendingConnection { connection in try await connection.send("SELECT \("a\u{0}b") AS x") }
            }
            #expect(nul?.sqlState == "22021")
            let value = try await pool.withSendingConnection { connection in
                try await connection.send("SELECT \("ok") AS x")[0].decode("x", as: String.self)
            }
            #expect(value == "ok")
            await pool.shutdown()
        }
    }

    @Test("a parameter larger than the socket's buffer is flushed in parts and arrives whole")
    func largeParameter() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 1)
            let text = String(repeating: "评议", count: 2_000_000)  // 12 MB of UTF-8
            let (length, rest) = try await pool.withSendingConnection { connection in
                let row = try await connection.send("SELECT octet_length(\(text)) AS n, length(replace(\(text), '评议', '')) AS rest")[0]
                return (try row.decode("n", as: Int.self), try row.decode("rest", as: Int.self))
            }
            #expect(length == 12_000_000)
            #expect(rest == 0)
            await pool.shutdown()
        }
    }

    @Test("a connection whose server process was terminated is re-established at the next checkout")
    func reconnects() async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 1)
            let first = try await pool.withSendingConnection { connection in
                try await connection.send("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int32.self)
            }
            let killer = database.makePool(maxConnections: 1)
            try await killer.withConnection { connection in
                try connection.query("SELECT pg_terminate_backend(\(first))")
            }
            await killer.shutdown()
            try await Task.sleep(for: .milliseconds(100))
            let second = try await pool.withSendingConnection { connection in
                try await connection.send("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int32.self)
            }
            #expect(second != first)
            await pool.shutdown()
        }
    }
}
