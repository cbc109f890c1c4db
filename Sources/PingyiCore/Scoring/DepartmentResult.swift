/// One department's results of a year: its star rating, assessment, the mean composite of its
/// ranked chiefs and the merchants' response rate.
public struct DepartmentResult: Hashable, Sendable, Codable {
    /// The department's code.
    public var code: String
    /// Its name.
    public var name: String
    /// Mean stars × 20.
    public var starScore: Double?
    /// Rounded mean stars.
    public var starLevel: Int?
    /// The department's own assessment score.
    public var assessmentScore: Double?
    /// The mean composite of its ranked chiefs.
    public var meanComposite: Double?
    /// Its chiefs in the run.
    public var chiefs: Int
    /// Its flagged chiefs.
    public var flagged: Int
    /// Merchant invitations listing it.
    public var invited: Int
    /// Of those, the ones used.
    public var responded: Int
    /// responded / invited (0 when none).
    public var responseRate: Double

    /// Makes a result.
    public init(
        code: String, name: String, starScore: Double?, starLevel: Int?, assessmentScore: Double?, meanComposite: Double?,
        chiefs: Int, flagged: Int, invited: Int, responded: Int
    ) {
        self.code = code
        self.name = name
        self.starScore = starScore
        self.starLevel = starLevel
        self.assessmentScore = assessmentScore
        self.meanComposite = meanComposite
        self.chiefs = chiefs
        self.flagged = flagged
        self.invited = invited
        self.responded = responded
        responseRate = invited == 0 ? 0 : Double(responded) / Double(invited)
    }
}

extension DepartmentResult {
    /// A department's figures from its chiefs' results in a run: the star score and level (the
    /// same for all its chiefs), the department's own assessment (from a chief without an
    /// assessment of their own), the mean composite of its ranked chiefs, its flagged count,
    /// and the merchants' response rate from `invited` and `responded`.
    public static func make(code: String, name: String, chiefs: [ChiefScore], invited: Int, responded: Int) -> DepartmentResult {
        let ranked = chiefs.compactMap { $0.rank == nil ? nil : $0.composite }
        return DepartmentResult(
            code: code, name: name, starScore: chiefs.first?.starScore, starLevel: chiefs.first?.starLevel,
            assessmentScore: chiefs.first { !$0.ownAssessment }?.assessmentScore,
            meanComposite: ranked.isEmpty ? nil : ranked.reduce(0, +) / Double(ranked.count),
            chiefs: chiefs.count, flagged: chiefs.filter(\.flagged).count, invited: invited, responded: responded)
    }
}
