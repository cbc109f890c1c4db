/// 年度考评: one year's appraisal with its scoring policy.
public struct AppraisalYear: Hashable, Sendable {
    /// The year.
    public var year: Int
    /// Its title (e.g. 2026 年度营商环境考评).
    public var title: String
    /// The policy, parsed from the stored text.
    public var policy: ScoringPolicy
    /// SHA-256 of the policy's text.
    public var policySHA256: String

    /// Makes an appraisal year.
    public init(year: Int, title: String, policy: ScoringPolicy, policySHA256: String) {
        self.year = year
        self.title = title
        self.policy = policy
        self.policySHA256 = policySHA256
    }
}
