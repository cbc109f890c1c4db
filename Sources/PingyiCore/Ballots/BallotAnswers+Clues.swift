extension BallotAnswers {
    /// How a ballot is stored (`BallotStore`): a signed ballot's 问题线索 (answers to the
    /// template's clue questions) go to the office at once with the supervisor's name and are
    /// taken out of what is sealed; an unsigned ballot keeps its clues inside the sealed ballot,
    /// released, shuffled, only when the campaign is counted.
    public func separatingSignedClues(clueQuestions: Set<String>) -> (sealed: BallotAnswers, signedClues: [TextAnswer]) {
        guard signed else { return (self, []) }
        var sealed = self
        sealed.texts.removeAll { clueQuestions.contains($0.question) }
        return (sealed, texts.filter { clueQuestions.contains($0.question) && $0.target != nil })
    }
}
