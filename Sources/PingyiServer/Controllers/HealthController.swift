import Hummingbird
import PingyiPostgres

/// `GET /healthz` (the process answers) and `GET /readyz` (the database answers, else 503).
struct HealthController {
    let pool: ConnectionPool

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/readyz") { _, context in
            let ready = await withTaskGroup(of: Bool.self) { group in
                group.addTask { (try? await pool.withConnection { try $0.query("SELECT 1") }) != nil }
                group.addTask {
                    try? await Task.sleep(for: .seconds(3))
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            if !ready { context.logger.warning("readyz: database not reachable") }
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "database unavailable\n")))
        }
    }
}
