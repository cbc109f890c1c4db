import Foundation
import PingyiPostgres
import PingyiTestSupport
import Testing

@Suite("Migrations")
struct MigratorTests {
    private func migrations(_ files: [(String, String)]) throws -> Migrator {
        try Migrator(migrations: files.map { Migration(name: $0.0, contents: Data($0.1.utf8))! })
    }

    @Test("the project's migrations apply once and then report up to date")
    func idempotent() async throws {
        try await TestDatabase.withEmpty { database in
            let migrator = try Migrator(directory: TestDatabase.migrationsDirectory)
            let connection = try database.connect()
            let first = try migrator.migrate(on: connection)
            #expect(first == migrator.migrations.map(\.name))
            #expect(try migrator.migrate(on: connection).isEmpty)
            #expect(try migrator.status(on: connection).allSatisfy { $0.state == .applied })
            #expect(try connection.query("SELECT count(*) AS n FROM schema_migrations")[0].decode("n", as: Int.self) == first.count)
        }
    }

    @Test("an applied file that changed is refused")
    func changedFileRefused() async throws {
        try await TestDatabase.withEmpty { database in
            let connection = try database.connect()
            try migrations([("0001_a.sql", "CREATE TABLE a (x int);")]).migrate(on: connection)
            let changed = try migrations([("0001_a.sql", "CREATE TABLE a (x bigint);"), ("0002_b.sql", "CREATE TABLE b (y int);")])
            #expect {
                try changed.migrate(on: connection)
            } throws: { error in
                guard case MigrationError.checksumChanged(let name, _, _) = error else { return false }
                return name == "0001_a.sql"
            }
            #expect(try changed.status(on: connection).map(\.state) == [.changed, .pending])
            // Nothing of the later file ran either.
            #expect(try connection.query("SELECT to_regclass('b') IS NULL AS missing")[0].decode("missing", as: Bool.self))
        }
    }

    @Test("a failing migration leaves nothing behind and is not recorded")
    func failingMigrationRollsBack() async throws {
        try await TestDatabase.withEmpty { database in
            let connection = try database.connect()
            let broken = try migrations([("0001_ok.sql", "CREATE TABLE ok (x int);"), ("0002_bad.sql", "CREATE TABLE half (x int); SELECT 1/0;")])
            #expect(throws: MigrationError.self) { try broken.migrate(on: connection) }
            #expect(try connection.query("SELECT to_regclass('half') IS NULL AS missing")[0].decode("missing", as: Bool.self))
            #expect(try broken.status(on: connection).map(\.state) == [.applied, .pending])
        }
    }

    @Test("two migrators at once apply each file exactly once")
    func concurrentMigrators() async throws {
        try await TestDatabase.withEmpty { database in
            let migrator = try migrations((1...5).map { ("000\($0)_t\($0).sql", "CREATE TABLE t\($0) (x int); SELECT pg_sleep(0.05);") })
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        let pool = database.makePool(maxConnections: 1)
                        defer { Task { await pool.shutdown() } }
                        return try await pool.withConnection { try migrator.migrate(on: $0) }
                    }
                }
                var all: [String] = []
                for try await names in group { all += names }
                return all
            }
            #expect(applied.sorted() == migrator.migrations.map(\.name))
            let connection = try database.connect()
            #expect(try connection.query("SELECT count(*) AS n FROM schema_migrations")[0].decode("n", as: Int.self) == 5)
        }
    }

    @Test("file names must be NNNN_name.sql and numbers unique")
    func badNames() throws {
        #expect(Migration(name: "1_a.sql", contents: Data()) == nil)
        #expect(Migration(name: "0001-a.sql", contents: Data()) == nil)
        #expect(throws: MigrationError.self) {
            try migrations([("0001_a.sql", ""), ("0001_b.sql", "")])
        }
    }
}
