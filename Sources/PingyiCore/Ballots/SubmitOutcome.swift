/// What happened to a submitted ballot.
public enum SubmitOutcome: Hashable, Sendable {
    /// Claimed and stored: the ballot counts.
    case accepted
    /// Claimed and stored encrypted for the joint count (多方联合计票): the ballot counts, and
    /// `trackingCode` (the short form, `ABCD-EFGH-IJKL-MNOP`) is what its respondent can look up
    /// in the published record.
    case counted(trackingCode: String)
    /// The invitation was already used: nothing stored.
    case alreadyUsed
    /// The campaign is not accepting ballots (by its state or its dates): nothing stored.
    case notAccepting(CampaignAcceptance)
    /// No such (or a revoked) invitation: nothing stored.
    case notFound
}
