import Foundation
import Logging
import PingyiPostgres
import PingyiTestSupport
import Testing

@Suite("Errors, transactions and notices")
struct ErrorAndTransactionTests {
    @Test("constraint violations surface as typed codes with the constraint, generic description")
    func typedConstraintErrors() async throws {
        try await TestDatabase.withMigrated { database in
            let connection = try database.connect()
            try connection.query("INSERT INTO departments (code, name) VALUES ('A', '甲局')")
            let duplicate = #expect(throws: PostgresError.self) {
                try connection.query("INSERT INTO departments (code, name) VALUES ('A', '乙局')")
            }
            #expect(duplicate?.code == .uniqueViolation)
            #expect(duplicate?.sqlState == "23505")
            #expect(duplicate?.constraint == "departments_pkey")
            #expect(duplicate?.description == "PostgresError(unique_violation)")
            #expect(duplicate?.debugDescription.contains("duplicate key") == true)

            let foreignKey = #expect(throws: PostgresError.self) {
                try connection.query("INSERT INTO sections (department_code, name) VALUES ('NOPE', '股')")
            }
            #expect(foreignKey?.code == .foreignKeyViolation)

            let check = #expect(throws: PostgresError.self) {
                try connection.query("INSERT INTO merchants (credit_code, name) VALUES ('914403001922038217', '校验位错')")
            }
            #expect(check?.code == .checkViolation)
            #expect(check?.constraint == "merchants_credit_code_check")
        }
    }

    @Test("a transaction that throws leaves no row")
    func rollbackOnThrow() async throws {
        struct Boom: Error {}
        try await TestDatabase.withMigrated { database in
            let connection = try database.connect()
            #expect(throws: Boom.self) {
                try connection.transaction { connection in
                    try connection.query("INSERT INTO departments (code, name) VALUES ('T', '临时局')")
                    throw Boom()
                }
            }
            #expect(throws: PostgresError.self) {
                try connection.transaction { connection in
                    try connection.query("INSERT INTO departments (code, name) VALUES ('T', '临时局')")
                    try connection.query("INSERT INTO departments (code, name) VALUES ('T', '临时局')")
                }
            }
            #expect(try connection.query("SELECT count(*) AS n FROM departments")[0].decode("n", as: Int.self) == 0)
            // The connection is usable again afterwards.
            try connection.transaction { try $0.query("INSERT INTO departments (code, name) VALUES ('T', '临时局')") }
            #expect(try connection.query("SELECT count(*) AS n FROM departments")[0].decode("n", as: Int.self) == 1)
        }
    }

    @Test("a serialization failure runs the body again through the retry hook")
    func retryOnSerializationFailure() async throws {
        try await TestDatabase.withMigrated { database in
            let connection = try database.connect()
            var attempts = 0
            var retries: [Int] = []
            try connection.transaction(.serializable, maxAttempts: 3, onRetry: { attempt, _ in retries.append(attempt) }) { connection in
                attempts += 1
                try connection.query("INSERT INTO departments (code, name) VALUES (\("R\(attempts)"), \("重试局\(attempts)"))")
                if attempts < 2 {
                    throw PostgresError(code: .serializationFailure, sqlState: "40001", message: "could not serialize access")
                }
            }
            #expect(attempts == 2)
            #expect(retries == [1])
            let codes = try connection.query("SELECT code FROM departments ORDER BY code").map { try $0.decode("code", as: String.self) }
            #expect(codes == ["R2"])  // the first attempt was rolled back
        }
    }

    @Test("a real serialization conflict between two connections is retried and succeeds")
    func realSerializationConflict() async throws {
        try await TestDatabase.withMigrated { database in
            let first = try database.connect()
            let second = try database.connect()
            try first.query("INSERT INTO departments (code, name) VALUES ('C', '计数局')")
            var attempts = 0
            try first.transaction(.serializable, maxAttempts: 3) { connection in
                attempts += 1
                _ = try connection.query("SELECT name FROM departments WHERE code = 'C'")
                if attempts == 1 {
                    // Another session changes the row after this transaction's snapshot was taken.
                    try second.query("UPDATE departments SET name = '计数局二' WHERE code = 'C'")
                }
                try connection.query("UPDATE departments SET name = name || '+' WHERE code = 'C'")
            }
            #expect(attempts == 2)
            #expect(try first.query("SELECT name FROM departments WHERE code = 'C'")[0].decode("name", as: String.self) == "计数局二+")
        }
    }

    @Test("server notices go to the logger, not to stderr")
    func noticesAreLogged() async throws {
        try await TestDatabase.withMigrated { database in
            let recorder = LogRecorder()
            let connection = try database.connect(logger: recorder.logger())
            try connection.execute(script: "DO $$ BEGIN RAISE NOTICE '评议 notice'; RAISE WARNING '评议 warning'; END $$")
            #expect(recorder.messages.contains { $0.hasPrefix("debug") && $0.contains("评议 notice") })
            #expect(recorder.messages.contains { $0.hasPrefix("warning") && $0.contains("评议 warning") })
        }
    }

    @Test("an unreachable server is a connection failure with libpq's message")
    func connectionFailure() throws {
        let error = #expect(throws: PostgresError.self) {
            try Connection(conninfo: "host=/nonexistent/pingyi port=1 connect_timeout=2")
        }
        #expect(error?.code == .connectionFailure)
        #expect(error?.message.isEmpty == false)
    }
}
