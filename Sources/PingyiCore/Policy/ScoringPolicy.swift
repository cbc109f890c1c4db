/// A year's scoring policy: every number that turns answers into scores, flags, follow-ups and
/// HR's lists. Parsed and validated from `policy.yaml`.
public struct ScoringPolicy: Hashable, Sendable, Codable {
    /// The policy file's version.
    public var version: Int
    /// Weights of the composite score.
    public var weights: ComponentWeights
    /// Weights of the assessment's four dimensions.
    public var assessment: AssessmentWeights
    /// A chief with fewer valid answers is "insufficient data": listed, not ranked, not flagged.
    public var minBallots: Int
    /// Free-text comments are shown only for chiefs with at least this many valid votes (有效票:
    /// overall grades that count, 不了解 left out).
    public var commentsMinBallots: Int
    /// The 不满意 rules; any match flags.
    public var flags: [FlagRule]
    /// The follow-up ladder, most severe step first; the first step that applies is taken.
    public var followUp: [FollowUpStep]
    /// HR's list rules.
    public var personnel: PersonnelRules
    /// The decimals every score is shown with and decided on (rounded half up, once): ranks,
    /// ties, the bottom of the ranking and the promotion share use the scores as displayed.
    public var decimals: Int
    /// The problem ledger's deadlines and report weights (`problems`, optional: the defaults).
    public var ledger: LedgerRules = .defaults

    /// Makes a policy.
    public init(
        version: Int, weights: ComponentWeights, assessment: AssessmentWeights, minBallots: Int, commentsMinBallots: Int,
        flags: [FlagRule], followUp: [FollowUpStep], personnel: PersonnelRules, decimals: Int = 2
    ) {
        self.version = version
        self.weights = weights
        self.assessment = assessment
        self.minBallots = minBallots
        self.commentsMinBallots = commentsMinBallots
        self.flags = flags
        self.followUp = followUp
        self.personnel = personnel
        self.decimals = decimals
    }

    /// Parses and validates a policy; every problem is reported with its line.
    public static func parse(_ text: String, file: String) throws(InvalidFile) -> ScoringPolicy {
        var parser = ScoringPolicyParser(file: file)
        guard let policy = parser.parse(text), parser.issues.isEmpty else {
            throw InvalidFile(issues: parser.issues)
        }
        return policy
    }
}
