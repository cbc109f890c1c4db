/// One grade on a ballot: the option chosen for a question about a chief.
public struct GradeAnswer: Hashable, Sendable, Codable {
    /// The chief's employee number.
    public var target: String
    /// The question's id.
    public var question: String
    /// The option's id.
    public var option: String

    /// Makes an answer.
    public init(target: String, question: String, option: String) {
        self.target = target
        self.question = question
        self.option = option
    }
}
