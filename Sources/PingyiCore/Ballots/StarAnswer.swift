/// One star rating: the stars given to a department on one point.
public struct StarAnswer: Hashable, Sendable, Codable {
    /// The department's code.
    public var target: String
    /// The question's id.
    public var question: String
    /// 1 … the question's `maxStars`.
    public var stars: Int

    /// Makes an answer.
    public init(target: String, question: String, stars: Int) {
        self.target = target
        self.question = question
        self.stars = stars
    }
}
