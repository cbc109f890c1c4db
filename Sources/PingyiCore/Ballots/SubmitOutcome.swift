/// What happened to a submitted ballot.
public enum SubmitOutcome: Hashable, Sendable {
    /// Claimed and stored: the ballot counts.
    case accepted
    /// The invitation was already used: nothing stored.
    case alreadyUsed
    /// The campaign is not accepting ballots (by its state or its dates): nothing stored.
    case notAccepting(CampaignAcceptance)
    /// No such (or a revoked) invitation: nothing stored.
    case notFound
}
