/// One encrypted vector of a ballot: a chief's (or a department's) question and its options in a
/// fixed order. Its id is `target|question`.
public struct ManifestContest: Codable, Sendable, Equatable {
    public let id: String
    public let target: String
    public let question: String
    public let options: [String]

    public init(target: String, question: String, options: [String]) {
        self.id = "\(target)|\(question)"
        self.target = target
        self.question = question
        self.options = options
    }
}
