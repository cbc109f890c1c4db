import Metrics
import PingyiPostgres
import Prometheus

/// Pingyi's metrics in Prometheus's text format (swift-metrics with swift-prometheus): requests
/// by route template (Hummingbird's `MetricsMiddleware`: never a raw path, so never a token),
/// status and latency; the pool; ballots by outcome; database errors by SQLSTATE class; the
/// duration of each year's latest scoring run.
enum PingyiMetrics {
    static let registry = PrometheusCollectorRegistry()

    /// The metrics system, set up once per process (swift-metrics allows one bootstrap).
    static let bootstrapped: Bool = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }()

    /// A ballot's outcome: accepted, invalid (422), malformed, already used, not accepting, not found.
    static func ballot(kind: String, outcome: String) {
        Counter(label: "pingyi_ballots_total", dimensions: [("kind", kind), ("outcome", outcome)]).increment()
    }

    /// A database error, by the SQLSTATE class (`23` integrity, `40` transaction rollback, `08`
    /// connection …) or the pool's own condition.
    static func databaseError(_ error: PostgresError) {
        let kind: String =
            switch error.code {
            case .uniqueViolation, .foreignKeyViolation, .checkViolation, .notNullViolation, .exclusionViolation: "23"
            case .serializationFailure, .deadlockDetected: "40"
            case .dataException: "22"
            case .queryCanceled: "57"
            case .connectionFailure: "08"
            case .poolTimeout: "pool_timeout"
            case .poolClosed: "pool_closed"
            case .decoding: "decoding"
            case .other(let state): String(state.prefix(2))
            }
        Counter(label: "pingyi_database_errors_total", dimensions: [("class", kind)]).increment()
    }

    /// The text to serve, with the pool's figures as of now and the seconds of each year's
    /// latest scoring run (`pingyi score` runs in the office's CLI, so its duration is read from
    /// the database at each scrape rather than counted in this process).
    static func scrape(pool: ConnectionPool, scoringRuns: [(year: Int, run: Int, seconds: Double)] = []) -> String {
        let statistics = pool.statistics
        Gauge(label: "pingyi_pool_size").record(statistics.size)
        Gauge(label: "pingyi_pool_open").record(statistics.open)
        Gauge(label: "pingyi_pool_in_use").record(statistics.open - statistics.idle)
        Gauge(label: "pingyi_pool_waiters").record(statistics.waiters)
        Gauge(label: "pingyi_pool_timeouts").record(statistics.timeouts)
        for run in scoringRuns {
            Gauge(label: "pingyi_scoring_run_seconds", dimensions: [("year", "\(run.year)")]).record(run.seconds)
        }
        return registry.emitToString()
    }
}
