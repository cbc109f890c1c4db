/// One reissue of a campaign's links, as the audit log keeps it.
public struct Reissued: Sendable, Hashable {
    /// Who did it (`staff:LOGIN`, or the CLI's user).
    public var actor: String
    /// When (UTC, to the minute).
    public var at: String
    /// How many unused links were revoked and issued anew.
    public var revoked: Int
    /// Why.
    public var reason: String

    /// Makes a record.
    public init(actor: String, at: String, revoked: Int, reason: String) {
        self.actor = actor
        self.at = at
        self.revoked = revoked
        self.reason = reason
    }
}
