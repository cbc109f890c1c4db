/// One rule that flagged a chief, in plain words an official reads ("有效票 30 张，其中不满意 12
/// 张，占 40.0%，达到不满意票占 33.3% 及以上的认定标准"), with the statistics kept apart in a
/// 说明 (`note`): how wide the true share may be, given so few ballots.
public struct FlagEvidence: Hashable, Sendable, Codable {
    /// The rule: `unsatisfiedShare` (不满意) or `bottomRank` (末位).
    public var rule: String
    /// The evidence, in Chinese.
    public var text: String
    /// The 说明 line, when the rule has one (the share's likely range); absent in runs scored
    /// before it was added.
    public var note: String?

    /// Makes evidence.
    public init(rule: String, text: String, note: String? = nil) {
        self.rule = rule
        self.text = text
        self.note = note
    }

    /// What the rule makes of the chief, in one word: 末位 for the bottom-N rule, else 不满意.
    public var label: String { rule == "bottomRank" ? "末位" : "不满意" }
}
