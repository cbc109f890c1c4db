/// 目标责任考核: the four dimension scores of a department or a chief, each 0–100.
public struct AssessmentScores: Hashable, Sendable, Codable {
    /// 组织领导.
    public var leadership: Double
    /// 工作宣传.
    public var publicity: Double
    /// 任务落实.
    public var implementation: Double
    /// 工作亮点.
    public var highlights: Double

    /// Makes scores.
    public init(leadership: Double, publicity: Double, implementation: Double, highlights: Double) {
        self.leadership = leadership
        self.publicity = publicity
        self.implementation = implementation
        self.highlights = highlights
    }

    /// The weighted sum under `weights`.
    public func weighted(by weights: AssessmentWeights) -> Double {
        leadership * weights.leadership.value + publicity * weights.publicity.value
            + implementation * weights.implementation.value + highlights * weights.highlights.value
    }
}
