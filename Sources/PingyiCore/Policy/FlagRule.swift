/// A rule that makes a chief 不满意 (any matching rule flags).
public enum FlagRule: Hashable, Sendable, Codable {
    /// The unsatisfied share reaches the threshold (with at least `minBallots` valid answers).
    case unsatisfiedShare(atLeast: Fraction)
    /// Among the last `count` of the composite ranking.
    case bottomRank(count: Int)
}
