/// One free-text answer: about a target (a chief's comment, a department's problem clue) or,
/// with no target, once per ballot.
public struct TextAnswer: Hashable, Sendable, Codable {
    /// The chief's employee number or the department's code; `nil` for a general question.
    public var target: String?
    /// The question's id.
    public var question: String
    /// The text, trimmed, line breaks normalised to `\n`.
    public var text: String

    /// Makes an answer.
    public init(target: String?, question: String, text: String) {
        self.target = target
        self.question = question
        self.text = text
    }
}
