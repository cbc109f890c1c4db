/// Where a campaign's joint count stands: which trustees have given their shares, how many are
/// needed, and whether the count is done (the totals written and the record published).
public struct JointCountProgress: Sendable, Equatable {
    public let campaignID: Int
    /// The trustees of the ceremony, in index order.
    public let trustees: [String]
    /// Those who have given their shares (all of them, once counted: the record names them).
    public let given: [String]
    public let quorum: Int
    public let counted: Bool
    /// The encrypted ballots received.
    public let ballots: Int
}
