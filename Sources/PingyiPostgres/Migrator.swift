import Foundation
import Logging

/// Applies the `NNNN_name.sql` files of a folder in order, each once, each in its own
/// transaction, recording name and SHA-256 in `schema_migrations`.
///
/// An applied file whose checksum changed is an error, not a silent re-run. A session-level
/// advisory lock makes concurrent migrators (two processes starting at once) take turns, so no
/// file is ever applied twice.
public struct Migrator: Sendable {
    /// The advisory lock key (arbitrary, fixed: "pingyi" migrations).
    static let lockKey: Int64 = 0x7069_6E67_7969

    /// The migrations, in order.
    public let migrations: [Migration]
    private let logger: Logger

    /// Reads every `*.sql` file of `directory`.
    public init(directory: URL, logger: Logger = Logger(label: "pingyi.migrator")) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.unreadableDirectory(directory.path)
        }
        var migrations: [Migration] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw MigrationError.unreadableDirectory(directory.appendingPathComponent(name).path)
            }
            guard let migration = Migration(name: name, contents: data) else {
                throw MigrationError.badFileName(name)
            }
            migrations.append(migration)
        }
        try self.init(migrations: migrations, logger: logger)
    }

    /// Uses the given migrations.
    public init(migrations: [Migration], logger: Logger = Logger(label: "pingyi.migrator")) throws {
        let sorted = migrations.sorted { $0.number < $1.number }
        for (first, second) in zip(sorted, sorted.dropFirst()) where first.number == second.number {
            throw MigrationError.duplicateNumber(first.number, first.name, second.name)
        }
        self.migrations = sorted
        self.logger = logger
    }

    /// Applies every pending migration; returns the names applied now.
    @discardableResult
    public func migrate(on connection: Connection, progress: (String) -> Void = { _ in }) throws -> [String] {
        try withLock(on: connection) {
            let recorded = try recordedChecksums(on: connection)
            try checkUnchanged(recorded)
            var applied: [String] = []
            for migration in migrations where recorded[migration.name] == nil {
                progress(migration.name)
                do {
                    try connection.transaction { connection in
                        try connection.execute(script: migration.sql)
                        try connection.query(
                            "INSERT INTO schema_migrations (name, sha256) VALUES (\(migration.name), \(migration.sha256))")
                    }
                } catch let error as PostgresError {
                    throw MigrationError.failed(name: migration.name, error: error)
                }
                logger.debug("migration applied", metadata: ["name": "\(migration.name)"])
                applied.append(migration.name)
            }
            return applied
        }
    }

    /// The state of every migration, file or record.
    public func status(on connection: Connection) throws -> [MigrationStatus] {
        try withLock(on: connection) {
            let rows = try connection.query("SELECT name, sha256, applied_at FROM schema_migrations ORDER BY name")
            var recorded: [String: (String, Date)] = [:]
            for row in rows.rows {
                recorded[try row.decode("name")] = (try row.decode("sha256"), try row.decode("applied_at"))
            }
            var result: [MigrationStatus] = migrations.map { migration in
                guard let (sha, at) = recorded[migration.name] else {
                    return MigrationStatus(name: migration.name, state: .pending, appliedAt: nil)
                }
                return MigrationStatus(name: migration.name, state: sha == migration.sha256 ? .applied : .changed, appliedAt: at)
            }
            let known = Set(migrations.map(\.name))
            for (name, (_, at)) in recorded where !known.contains(name) {
                result.append(MigrationStatus(name: name, state: .missingFile, appliedAt: at))
            }
            return result.sorted { $0.name < $1.name }
        }
    }

    private func withLock<T>(on connection: Connection, _ body: () throws -> T) throws -> T {
        try connection.query("SELECT pg_advisory_lock(\(Migrator.lockKey))")
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(Migrator.lockKey))") }
        try connection.execute(
            script: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name text PRIMARY KEY,
                    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
        return try body()
    }

    private func recordedChecksums(on connection: Connection) throws -> [String: String] {
        var recorded: [String: String] = [:]
        for row in try connection.query("SELECT name, sha256 FROM schema_migrations").rows {
            recorded[try row.decode("name")] = try row.decode("sha256")
        }
        return recorded
    }

    private func checkUnchanged(_ recorded: [String: String]) throws {
        for migration in migrations {
            if let sha = recorded[migration.name], sha != migration.sha256 {
                throw MigrationError.checksumChanged(name: migration.name, recorded: sha, now: migration.sha256)
            }
        }
    }
}
