import ArgumentParser
import Foundation
import Logging
import PingyiConfiguration
import PingyiPostgres

/// Where the database is; shared by every command that uses it.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "libpq 连接串或 postgresql:// URL（默认取 DATABASE_URL，再取 PG* 环境变量）")
    var databaseURL: String?

    /// The conninfo to use: the option, else `DATABASE_URL` (in `configuration`), else libpq's
    /// `PG*` defaults.
    func conninfo(_ configuration: PingyiConfiguration) -> String {
        databaseURL ?? configuration.server.conninfo
    }

    /// A small pool for a command's work.
    func makePool(_ configuration: PingyiConfiguration) -> ConnectionPool {
        ConnectionPool(
            configuration: .init(conninfo: conninfo(configuration), maxConnections: 2, connectTimeout: configuration.server.connectTimeout),
            logger: Logger(label: "pingyi.postgres"))
    }

    /// Runs `body` with a pool, shutting it down afterwards whatever happens.
    func withPool<T>(_ configuration: PingyiConfiguration, _ body: (ConnectionPool) async throws -> T) async throws -> T {
        let pool = makePool(configuration)
        do {
            let value = try await body(pool)
            await pool.shutdown()
            return value
        } catch {
            await pool.shutdown()
            throw error
        }
    }
}
