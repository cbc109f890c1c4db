/// One chief's result: every component, the composite, the ranks, the flags with their
/// evidence and the follow-up action.
public struct ChiefScore: Hashable, Sendable, Codable {
    /// 工号.
    public var employeeNumber: String
    /// 姓名.
    public var name: String
    /// The department's code.
    public var departmentCode: String
    /// The department's name.
    public var departmentName: String
    /// 股室.
    public var section: String
    /// 职务.
    public var position: String
    /// Valid answers (options not excluded).
    public var n: Int
    /// Option id → count.
    public var counts: [String: Int]
    /// The mean points of the valid answers; `nil` when there are none.
    public var merchantScore: Double?
    /// 不满意 answers.
    public var unsatisfied: Int
    /// unsatisfied / n; `nil` when n is 0.
    public var unsatisfiedShare: Double?
    /// The 95% Wilson interval of the unsatisfied share.
    public var unsatisfiedInterval: WilsonInterval?
    /// The department's star score (mean stars × 20).
    public var starScore: Double?
    /// The department's star level (rounded mean stars).
    public var starLevel: Int?
    /// The assessment's weighted score.
    public var assessmentScore: Double?
    /// Whether the assessment is the chief's own (else the department's).
    public var ownAssessment: Bool
    /// The composite, from the components present with their weights renormalised.
    public var composite: Double?
    /// The components the composite is made of.
    public var components: [ScoreComponent]
    /// How the composite was made when a component was missing, in Chinese; `nil` otherwise.
    public var compositeNote: String?
    /// n < minBallots: listed, not ranked, not flagged.
    public var insufficientData: Bool
    /// Rank among the ranked chiefs (ties share a rank); `nil` when not ranked.
    public var rank: Int?
    /// Rank within the department; `nil` when not ranked.
    public var departmentRank: Int?
    /// Whether the chief is among the bottom of the ranking (the bottomRank rule's count).
    public var bottom: Bool
    /// The rules that flagged the chief; empty when not flagged.
    public var flags: [FlagEvidence]
    /// The follow-up action from the ladder; `nil` when not flagged.
    public var action: FollowUpAction?
    /// Why the action, in Chinese.
    public var actionReason: String?
    /// True when the merchant figures were withheld for a small cell (`disclosed`).
    public var suppressed: Bool? = nil

    /// Whether the chief is 不满意.
    public var flagged: Bool { !flags.isEmpty }
}

extension ChiefScore {
    /// The chief as anyone may see it: below the policy's minimum of valid votes (a small cell,
    /// where a merchant could be recognised from their answer), no merchant score, no counts, no
    /// 不满意 share or interval, and no composite made with the merchant score (the composite
    /// minus the public star and assessment parts would give the merchant score back). Only
    /// 「有效票不足」 is said. Counts of a withheld chief read 0 and `suppressed` is true.
    public var disclosed: ChiefScore {
        guard insufficientData else { return self }
        var shown = self
        shown.n = 0
        shown.counts = [:]
        shown.unsatisfied = 0
        shown.merchantScore = nil
        shown.unsatisfiedShare = nil
        shown.unsatisfiedInterval = nil
        if components.contains(.merchantReview) {
            shown.composite = nil
            shown.components = components.filter { $0 != .merchantReview }
        }
        shown.compositeNote = ChiefScore.withheldNote
        shown.suppressed = true
        return shown
    }

    /// What is shown instead of a small cell's figures.
    public static let withheldNote = "有效票不足（n < 最低票数），不公布客商评议的分数、票数和比例及综合分"
}
