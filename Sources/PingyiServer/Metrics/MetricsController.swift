import Hummingbird
import NIOCore
import PingyiCore
import PingyiPostgres
import PingyiStore

/// `GET /metrics`: Prometheus's text format, for the office's monitoring only — an admin API key
/// (`Authorization: Bearer …`, which Prometheus sends with `authorization: credentials`), never
/// open on the ballot port.
struct MetricsController {
    let pool: ConnectionPool
    let scoring: ScoringResultsStore

    func add(to group: RouterGroup<PingyiRequestContext>) {
        group.get(use: self.scrape)
    }

    /// `GET /metrics`.
    func scrape(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin])
        let runs = try await scoring.latestRunDurations()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: PingyiMetrics.scrape(pool: pool, scoringRuns: runs))))
    }
}
