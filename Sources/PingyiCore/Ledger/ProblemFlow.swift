/// The ledger's rules of succession, the same as the database's trigger: which step may follow
/// which state, and what each step needs.
public enum ProblemFlow {
    /// The state after `step` from `state`; `ProblemError` when the step does not follow.
    public static func next(
        after step: ProblemStep, from state: ProblemState, problem: Problem, note: String?
    ) throws(ProblemError)
        -> ProblemState
    {
        let hasNote = !(note ?? "").trimmingSpaces().isEmpty
        switch (state, step) {
        case (.received, .assign): return .assigned
        case (.assigned, .reportDone):
            guard hasNote else { throw .noteRequired(step) }
            return .done
        case (.done, .sendBack):
            guard hasNote else { throw .noteRequired(step) }
            return .assigned
        case (.done, .verify): return .closed
        case (.closed, .reply):
            guard problem.reporter != nil else { throw .anonymous(problem.id) }
            guard hasNote else { throw .noteRequired(step) }
            guard problem.repliedOn == nil else { throw .illegalStep(id: problem.id, state: state, step: step) }
            return .closed
        default:
            if step == .reply, problem.reporter == nil { throw .anonymous(problem.id) }
            throw .illegalStep(id: problem.id, state: state, step: step)
        }
    }
}
