import Foundation

/// A stored line of the audit log.
public struct AuditRecord: Hashable, Sendable, Codable {
    /// Its id.
    public var id: Int
    /// Who acted.
    public var actor: String
    /// What was done.
    public var action: String
    /// To what.
    public var subject: String
    /// The state before, as JSON text.
    public var before: String?
    /// The state after, as JSON text.
    public var after: String?
    /// When.
    public var at: Date

    /// Makes a record.
    public init(id: Int, actor: String, action: String, subject: String, before: String?, after: String?, at: Date) {
        self.id = id
        self.actor = actor
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
        self.at = at
    }
}
