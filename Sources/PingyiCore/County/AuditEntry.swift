/// One line of the audit log: who did what to which subject, with the state before and after
/// (as JSON text) where that applies.
public struct AuditEntry: Hashable, Sendable {
    /// Who acted (e.g. `cli:root`, later a staff login or API key name).
    public var actor: String
    /// What was done (e.g. `import.roster`).
    public var action: String
    /// What it was done to (e.g. a file name, `campaign 3`).
    public var subject: String
    /// The state before, as JSON, if any.
    public var beforeJSON: String?
    /// The state after, as JSON, if any.
    public var afterJSON: String?

    /// Makes an entry.
    public init(actor: String, action: String, subject: String, beforeJSON: String? = nil, afterJSON: String? = nil) {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.beforeJSON = beforeJSON
        self.afterJSON = afterJSON
    }
}
