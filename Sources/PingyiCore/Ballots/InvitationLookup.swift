/// What a token leads to.
public enum InvitationLookup: Hashable, Sendable {
    /// No such token, or a revoked one: both look the same from outside.
    case notFound
    /// The campaign is not accepting ballots (not yet open, or closed), by its state or its dates.
    case notAccepting(CampaignAcceptance)
    /// The invitation has been used: its ballot is in.
    case alreadyUsed
    /// A form to fill.
    case open(BallotInvitation)
}
