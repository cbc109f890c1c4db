import PingyiCore
import PingyiPostgres

/// An import's transaction: committed, or — for a dry run — carried out to the end (every
/// check the database makes, every count) and then rolled back, so `--dry-run` reports exactly
/// what the import would do and writes nothing, audit log included.
struct ImportTransaction {
    /// The error that rolls a dry run back, carrying its summary out.
    private struct DryRunRollback: Error {
        let summary: ImportSummary
    }

    static func run(
        on pool: ConnectionPool, dryRun: Bool, _ body: @escaping @Sendable (Connection) throws -> ImportSummary
    ) async throws -> ImportSummary {
        do {
            return try await pool.transaction { connection in
                let summary = try body(connection)
                if dryRun { throw DryRunRollback(summary: summary) }
                return summary
            }
        } catch let rollback as DryRunRollback {
            return rollback.summary
        }
    }
}
