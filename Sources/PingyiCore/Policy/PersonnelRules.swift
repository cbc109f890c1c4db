/// Who goes on HR's lists.
public struct PersonnelRules: Hashable, Sendable, Codable {
    /// Promotion candidates: this top share of the ranked chiefs…
    public var promotionTopShare: Fraction
    /// …who were flagged in none of this many years (this year and those before).
    public var promotionCleanYears: Int
    /// Adjustment candidates: chiefs whose follow-up is one of these…
    public var adjustmentActions: [FollowUpAction]
    /// …and chiefs in the last `adjustmentBottomCount` of the ranking…
    public var adjustmentBottomCount: Int
    /// …this many years running.
    public var adjustmentBottomYears: Int

    /// Makes rules.
    public init(
        promotionTopShare: Fraction, promotionCleanYears: Int, adjustmentActions: [FollowUpAction], adjustmentBottomCount: Int,
        adjustmentBottomYears: Int
    ) {
        self.promotionTopShare = promotionTopShare
        self.promotionCleanYears = promotionCleanYears
        self.adjustmentActions = adjustmentActions
        self.adjustmentBottomCount = adjustmentBottomCount
        self.adjustmentBottomYears = adjustmentBottomYears
    }
}
