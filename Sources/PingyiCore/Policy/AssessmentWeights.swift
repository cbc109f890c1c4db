/// The weights of the four dimensions of the target-responsibility assessment; they sum to 1.
public struct AssessmentWeights: Hashable, Sendable, Codable {
    /// 组织领导.
    public var leadership: Fraction
    /// 工作宣传.
    public var publicity: Fraction
    /// 任务落实.
    public var implementation: Fraction
    /// 工作亮点.
    public var highlights: Fraction

    /// Makes weights.
    public init(leadership: Fraction, publicity: Fraction, implementation: Fraction, highlights: Fraction) {
        self.leadership = leadership
        self.publicity = publicity
        self.implementation = implementation
        self.highlights = highlights
    }
}
