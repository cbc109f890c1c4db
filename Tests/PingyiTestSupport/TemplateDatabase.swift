import Crypto
import Foundation
import NIOPosix
import PingyiPostgres

/// The migrated template the test databases are copied from, named after the migrations'
/// checksums so that it is built once and rebuilt only when a migration changes.
actor TemplateDatabase {
    static let shared = TemplateDatabase()
    private var cached: String?

    /// The template's name, built first when needed. The blocking work (libpq, CREATE DATABASE,
    /// the migrations) runs on NIO's thread pool, never on Swift's cooperative threads: with two
    /// cores there are two of those, and a test blocking them stalls every other test's tasks.
    func name() async throws -> String {
        if let cached { return cached }
        let name = try await NIOThreadPool.singleton.runIfActive { try Self.build() }
        cached = name
        return name
    }

    private static func build() throws -> String {
        let migrator = try Migrator(directory: TestDatabase.migrationsDirectory)
        let digest = SHA256.hash(data: Data(migrator.migrations.map(\.sha256).joined().utf8))
        let name = "pingyi_tpl_" + digest.map { String(format: "%02x", $0) }.joined().prefix(16)
        let admin = try TestDatabase.adminConnection()
        // Other test processes may build it at the same moment: take turns.
        try admin.query("SELECT pg_advisory_lock(\(Int64(0x7465_7374)))")
        defer { _ = try? admin.query("SELECT pg_advisory_unlock(\(Int64(0x7465_7374)))") }
        let exists = try admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)").count > 0
        if !exists {
            let building = name + "_building"
            try admin.query("DROP DATABASE IF EXISTS \(identifier: building) WITH (FORCE)")
            try admin.query("CREATE DATABASE \(identifier: building) TEMPLATE template0")
            do {
                let connection = try Connection(conninfo: TestDatabase.serverConninfo, database: building)
                try migrator.migrate(on: connection)
                connection.close()
            }
            try admin.query("ALTER DATABASE \(identifier: building) RENAME TO \(identifier: name)")
            // Older templates (from earlier migrations) are no longer needed.
            for row in try admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'pingyi\\_tpl\\_%' AND datname <> \(name)").rows {
                let old: String = try row.decode("datname")
                _ = try? admin.query("DROP DATABASE IF EXISTS \(identifier: old) WITH (FORCE)")
            }
        }
        return name
    }
}
