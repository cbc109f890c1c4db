/// A contest's line of the tally: how many ballots hold it, and each option's aggregate, shares
/// and total (RECORD.md's `tally` entries).
public struct ContestTally: Codable, Sendable, Equatable {
    public let id: String
    public let ballots: Int
    public let selections: [TallySelection]

    /// The totals, option by option.
    public var totals: [Int] { selections.map(\.total) }
}
