import Foundation
import PingyiCore
import PingyiPostgres

/// Reading the audit log.
public struct AuditStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// The entries since a time (all when nil), newest first, at most `limit`.
    public func list(since: Date? = nil, limit: Int = 200) async throws -> [AuditRecord] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT id, actor, action, subject, before::text AS before, after::text AS after, at FROM audit_log
                WHERE \(since)::timestamptz IS NULL OR at >= \(since)
                ORDER BY id DESC LIMIT \(limit)
                """
            ).map { row in
                AuditRecord(
                    id: try row.decode("id"), actor: try row.decode("actor"), action: try row.decode("action"),
                    subject: try row.decode("subject"), before: try row.decode("before"), after: try row.decode("after"), at: try row.decode("at"))
            }
        }
    }
}
