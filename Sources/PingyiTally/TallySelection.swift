/// One option's line of the tally: the aggregate `(A, B)` of that option over every ballot
/// holding the contest, the trustees' decryption shares and the total they decrypt to.
public struct TallySelection: Codable, Sendable, Equatable {
    public let alpha: Point
    public let beta: Point
    public let total: Int
    public let shares: [DecryptionShare]
}
