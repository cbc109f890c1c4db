import Foundation
import PingyiCore
import PingyiPostgres

/// Uploads waiting for 确认导入: kept for a day, for the staff member who uploaded them only.
public struct PendingImportStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Keeps an upload whose preview was clean; returns its id. Uploads older than a day go.
    public func keep(kind: String, year: Int?, fileName: String, content: Data, uploadedBy: String) async throws -> UUID {
        try await pool.withConnection { connection in
            try connection.query("DELETE FROM pending_imports WHERE uploaded_at < now() - interval '1 day'")
            return try connection.query(
                """
                INSERT INTO pending_imports (kind, year, file_name, content, uploaded_by)
                VALUES (\(kind), \(year), \(String(fileName.prefix(200))), \(content), \(uploadedBy)) RETURNING id
                """)[0].decode("id")
        }
    }

    /// The upload `id` of `uploadedBy` (another staff member's is `nil`: it is theirs to confirm).
    public func find(id: UUID, uploadedBy: String) async throws -> PendingImport? {
        try await pool.withConnection { connection in
            guard
                let row = try connection.query(
                    """
                    SELECT id, kind, year, file_name, content, uploaded_by, summary::text AS summary FROM pending_imports
                    WHERE id = \(id) AND uploaded_by = \(uploadedBy) AND uploaded_at > now() - interval '1 day'
                    """
                ).first
            else { return nil }
            let summary = try row.decode("summary", as: String?.self).flatMap { try? JSONDecoder().decode(ImportSummary.self, from: Data($0.utf8)) }
            return PendingImport(
                id: try row.decode("id"), kind: try row.decode("kind"), year: try row.decode("year"), fileName: try row.decode("file_name"),
                content: try row.decode("content"), uploadedBy: try row.decode("uploaded_by"), summary: summary)
        }
    }

    /// Takes the upload for importing: `false` when another confirmation took it already.
    public func claim(id: UUID) async throws -> Bool {
        try await pool.withConnection { connection in
            try connection.query("UPDATE pending_imports SET imported_at = now() WHERE id = \(id) AND imported_at IS NULL RETURNING id").count == 1
        }
    }

    /// Gives an upload back after its import failed, to be confirmed again.
    public func release(id: UUID) async throws {
        try await pool.withConnection { connection in
            try connection.query("UPDATE pending_imports SET imported_at = NULL WHERE id = \(id) AND summary IS NULL")
        }
    }

    /// Marks the upload imported with its summary; the file's content is no longer kept.
    public func imported(id: UUID, summary: ImportSummary) async throws {
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        try await pool.withConnection { connection in
            try connection.query(
                "UPDATE pending_imports SET imported_at = now(), summary = \(json)::jsonb, content = ''::bytea WHERE id = \(id)")
        }
    }
}
