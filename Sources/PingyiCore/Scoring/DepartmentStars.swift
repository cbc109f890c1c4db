/// What the supervisors' star rating says of one department: the mean stars of each point.
public struct DepartmentStars: Hashable, Sendable, Codable {
    /// Point (question id) → mean stars.
    public var meanByPoint: [String: Double]
    /// Point → number of ratings.
    public var countByPoint: [String: Int]

    /// Makes one.
    public init(meanByPoint: [String: Double], countByPoint: [String: Int]) {
        self.meanByPoint = meanByPoint
        self.countByPoint = countByPoint
    }

    /// The mean over every rating of every point.
    public var mean: Double? {
        let total = countByPoint.values.reduce(0, +)
        guard total > 0 else { return nil }
        return meanByPoint.reduce(0) { $0 + $1.value * Double(countByPoint[$1.key] ?? 0) } / Double(total)
    }

    /// Mean stars × 20: the department's star score, 0–100.
    public var score: Double? { mean.map { $0 * 20 } }

    /// The rounded mean: the department's star level, 1–5.
    public var level: Int? { mean.map { Int(($0).rounded(.toNearestOrAwayFromZero)) } }
}
