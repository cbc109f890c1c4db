import Foundation

/// Where one migration file stands in a database.
public struct MigrationStatus: Sendable, Hashable {
    /// The state of a migration.
    public enum State: String, Sendable {
        /// Applied, and the file is unchanged.
        case applied
        /// Not applied yet.
        case pending
        /// Applied, but the file has changed since: an error.
        case changed
        /// Recorded as applied, but no file of that name exists any more.
        case missingFile
    }

    /// The file name.
    public let name: String
    /// Its state.
    public let state: State
    /// When it was applied, if it was.
    public let appliedAt: Date?
}
