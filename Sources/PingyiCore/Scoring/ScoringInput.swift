/// Everything a year's scoring reads: the policy, the merchant template's options, the tallies
/// and star means from SQL, the assessments, and the earlier years. `Scoring.score` turns it
/// into results with no other input, so the same input always gives the same results.
public struct ScoringInput: Hashable, Sendable, Codable {
    /// The appraisal year.
    public var year: Int
    /// The year's policy.
    public var policy: ScoringPolicy
    /// The options of the merchant review's overall grade (points, excluded, unsatisfied).
    public var options: [TemplateOption]
    /// Every chief in post, with the counts of the overall grade (empty when none).
    public var tallies: [ChiefTally]
    /// Department code → its star rating (absent when not rated).
    public var stars: [String: DepartmentStars]
    /// Department code → its assessment.
    public var departmentAssessments: [String: AssessmentScores]
    /// Employee number → the chief's own assessment, which takes precedence.
    public var chiefAssessments: [String: AssessmentScores]
    /// Employee number → earlier years.
    public var history: [String: ChiefHistory]

    /// Makes an input.
    public init(
        year: Int, policy: ScoringPolicy, options: [TemplateOption], tallies: [ChiefTally], stars: [String: DepartmentStars],
        departmentAssessments: [String: AssessmentScores], chiefAssessments: [String: AssessmentScores], history: [String: ChiefHistory]
    ) {
        self.year = year
        self.policy = policy
        self.options = options
        self.tallies = tallies
        self.stars = stars
        self.departmentAssessments = departmentAssessments
        self.chiefAssessments = chiefAssessments
        self.history = history
    }
}
