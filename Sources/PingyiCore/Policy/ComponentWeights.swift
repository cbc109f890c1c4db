/// The weights of a chief's composite score; they sum to 1.
public struct ComponentWeights: Hashable, Sendable, Codable {
    /// 客商评议得分.
    public var merchantReview: Fraction
    /// The department's star score.
    public var starRating: Fraction
    /// 目标责任考核得分.
    public var assessment: Fraction

    /// Makes weights.
    public init(merchantReview: Fraction, starRating: Fraction, assessment: Fraction) {
        self.merchantReview = merchantReview
        self.starRating = starRating
        self.assessment = assessment
    }
}
