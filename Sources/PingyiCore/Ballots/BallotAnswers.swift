/// Everything one ballot says, as it waits in the ballot box. It names chiefs and departments,
/// never the respondent.
public struct BallotAnswers: Hashable, Sendable, Codable {
    /// The grades (merchant review).
    public var grades: [GradeAnswer]
    /// The star ratings (star rating).
    public var stars: [StarAnswer]
    /// The free-text answers.
    public var texts: [TextAnswer]
    /// Whether the respondent chose to sign the problem clues (star rating, 署名).
    public var signed: Bool

    /// Makes a ballot's answers.
    public init(grades: [GradeAnswer] = [], stars: [StarAnswer] = [], texts: [TextAnswer] = [], signed: Bool = false) {
        self.grades = grades
        self.stars = stars
        self.texts = texts
        self.signed = signed
    }
}
