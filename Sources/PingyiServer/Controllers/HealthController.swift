import Hummingbird
import PingyiPostgres
import Synchronization

/// `GET /healthz` (the process answers) and `GET /readyz` (the database answers within
/// `timeout`, else 503).
struct HealthController {
    let pool: ConnectionPool
    let timeout: Duration

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/healthz", use: self.showLiveness)
        router.get("/readyz", use: self.showReadiness)
    }

    /// `GET /healthz`.
    func showLiveness(_ request: Request, context: PingyiRequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }

    /// `GET /readyz`.
    func showReadiness(_ request: Request, context: PingyiRequestContext) async -> Response {
        let ready = await Self.answers(within: timeout) {
            (try? await pool.withConnection { try $0.query("SELECT 1") }) != nil
        }
        if !ready { context.logger.warning("readyz: database not reachable") }
        return Response(
            status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "database unavailable\n")))
    }

    /// Whether `probe` answers true within `timeout`. The answer does not wait for the probe: a
    /// blocking libpq call does not stop when its task is cancelled (a database that accepts the
    /// connection and never answers), so a task group — which waits for all its children — would
    /// outlast the timeout. The probe is left to finish on its own.
    static func answers(within timeout: Duration, _ probe: @escaping @Sendable () async -> Bool) async -> Bool {
        let answered = Mutex(false)
        return await withCheckedContinuation { continuation in
            let resume: @Sendable (Bool) -> Void = { value in
                let first = answered.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            let probing = Task { resume(await probe()) }
            Task {
                try? await Task.sleep(for: timeout)
                probing.cancel()  // a pool checkout stops waiting; a hung libpq call finishes on its own
                resume(false)
            }
        }
    }
}
