import Foundation
import Logging
import NIOPosix
import PingyiPostgres

/// A private database for one test: created from a migrated template, dropped afterwards, so
/// tests running in parallel never see each other's rows.
///
/// The server is the one of `DATABASE_URL` or libpq's `PG*` variables (`make test` points them
/// at the private cluster). When none answers, the test fails and says so — it never skips.
public struct TestDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// The server's conninfo (the database is chosen by `name`).
    public let conninfo: String

    /// Opens a connection to this database.
    public func connect(logger: Logger = Logger(label: "test")) throws -> Connection {
        try Connection(conninfo: conninfo, database: name, logger: logger)
    }

    /// A pool on this database.
    public func makePool(maxConnections: Int = 4, checkoutTimeout: Duration = .seconds(10)) -> ConnectionPool {
        ConnectionPool(
            configuration: .init(
                conninfo: conninfo, database: name, maxConnections: maxConnections, checkoutTimeout: checkoutTimeout))
    }

    /// The server's conninfo from the environment.
    public static var serverConninfo: String {
        ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
    }

    /// The repository's `sql/` folder.
    public static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sql")
    }

    /// Runs `body` with a fresh database holding every migration, and drops it afterwards.
    public static func withMigrated<T>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        let template = try await TemplateDatabase.shared.name()
        return try await withDatabase(template: template, body)
    }

    /// Runs `body` with a fresh, empty database, and drops it afterwards.
    public static func withEmpty<T>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        try await withDatabase(template: "template0", body)
    }

    private static func withDatabase<T>(template: String, _ body: (TestDatabase) async throws -> T) async throws -> T {
        try await DatabaseSlots.with { try await withSlot(template: template, body) }
    }

    private static func withSlot<T>(template: String, _ body: (TestDatabase) async throws -> T) async throws -> T {
        let name = "pingyi_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        // CREATE and DROP DATABASE take long (they copy and remove files) and block: on NIO's
        // thread pool, so that Swift's few cooperative threads stay free for the tests' tasks.
        try await NIOThreadPool.singleton.runIfActive {
            try adminConnection().query("CREATE DATABASE \(identifier: name) TEMPLATE \(identifier: template)")
        }
        let database = TestDatabase(name: name, conninfo: serverConninfo)
        let drop: @Sendable () async -> Void = {
            _ = try? await NIOThreadPool.singleton.runIfActive {
                try adminConnection().query("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
            }
        }
        do {
            let value = try await body(database)
            await drop()
            return value
        } catch {
            await drop()
            throw error
        }
    }

    /// A connection to the server's default database, with a clear failure when there is none.
    static func adminConnection() throws -> Connection {
        do {
            return try Connection(conninfo: serverConninfo)
        } catch let error as PostgresError {
            throw TestDatabaseUnavailable(reason: error.message)
        }
    }
}
