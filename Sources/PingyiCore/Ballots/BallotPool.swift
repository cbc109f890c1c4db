/// The answers of all of a campaign's ballots pooled at close, each kind shuffled on its own
/// with a cryptographic generator: what is written to the response tables, in that order. Nothing
/// in it says which answers came on one ballot.
public struct BallotPool: Sendable {
    /// Every grade of every ballot, shuffled.
    public let grades: [GradeAnswer]
    /// Every star rating, shuffled.
    public let stars: [StarAnswer]
    /// Every comment that is not a problem clue, shuffled.
    public let texts: [TextAnswer]
    /// The problem clues of ballots that were not signed (the signed ones went to the office at
    /// submission), shuffled: released now, in one batch, dated the day of the close.
    public let unsignedClues: [TextAnswer]

    /// Pools `ballots`; answers to `clueQuestions` are clues, not comments.
    public init(_ ballots: [BallotAnswers], clueQuestions: Set<String>) {
        var generator = SystemRandomNumberGenerator()
        grades = ballots.flatMap(\.grades).shuffled(using: &generator)
        stars = ballots.flatMap(\.stars).shuffled(using: &generator)
        texts = ballots.flatMap { $0.texts.filter { !clueQuestions.contains($0.question) } }.shuffled(using: &generator)
        unsignedClues = ballots.filter { !$0.signed }
            .flatMap { $0.texts.filter { clueQuestions.contains($0.question) && $0.target != nil } }
            .shuffled(using: &generator)
    }
}
