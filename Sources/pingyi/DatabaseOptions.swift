import ArgumentParser
import Foundation
import Logging
import PingyiPostgres
import PingyiServer

/// Where the database is; shared by every command that uses it.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "libpq 连接串或 postgresql:// URL（默认取 DATABASE_URL，再取 PG* 环境变量）")
    var databaseURL: String?

    /// The conninfo to use: the option, else `DATABASE_URL`, else libpq's `PG*` defaults.
    var conninfo: String {
        databaseURL ?? PingyiConfiguration.current.server.conninfo
    }

    /// A small pool for a command's work.
    func makePool() -> ConnectionPool {
        ConnectionPool(
            configuration: .init(conninfo: conninfo, maxConnections: 2),
            logger: Logger(label: "pingyi.postgres"))
    }

    /// Runs `body` with a pool, shutting it down afterwards whatever happens.
    func withPool<T>(_ body: (ConnectionPool) async throws -> T) async throws -> T {
        let pool = makePool()
        do {
            let value = try await body(pool)
            await pool.shutdown()
            return value
        } catch {
            await pool.shutdown()
            throw error
        }
    }

    /// The acting user for the audit log.
    static var actor: String {
        "cli:" + (PingyiConfiguration.current.user ?? ProcessInfo.processInfo.userName)
    }
}
