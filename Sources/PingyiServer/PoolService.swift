import PingyiPostgres
import ServiceLifecycle

/// Runs the connection pool as a service of the application's `ServiceGroup`: on SIGTERM or
/// SIGINT the server drains first (services stop in reverse order) and then the pool closes.
struct PoolService: Service {
    let pool: ConnectionPool

    func run() async throws {
        try? await gracefulShutdown()
        await pool.shutdown()
    }
}
