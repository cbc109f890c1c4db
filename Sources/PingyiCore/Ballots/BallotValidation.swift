/// The outcome of checking a submitted form against its template and ballot.
public enum BallotValidation: Hashable, Sendable {
    /// Every answer is acceptable.
    case valid(BallotAnswers)
    /// Answers a person can correct (a missing grade, a comment too long).
    case invalid(BallotProblems)
    /// A form no page of ours produces: unknown or repeated fields, a chief not on this ballot,
    /// a question that is switched off. The reason is for the log, not the respondent.
    case malformed(String)
}
