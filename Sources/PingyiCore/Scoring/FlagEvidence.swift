/// One rule that flagged a chief, with its numbers in a sentence (e.g. "不满意 12/30 = 40.0% ≥
/// 33.3%，95% 区间 24.6%–57.7%").
public struct FlagEvidence: Hashable, Sendable, Codable {
    /// The rule: `unsatisfiedShare` or `bottomRank`.
    public var rule: String
    /// The evidence, in Chinese.
    public var text: String

    /// Makes evidence.
    public init(rule: String, text: String) {
        self.rule = rule
        self.text = text
    }
}
