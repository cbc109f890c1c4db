/// The ledger's rules of succession, the same as the database's trigger: which step may follow
/// which state, and what each step needs. The order is the county's: 收集 → 交办 → 办结 (or 退回
/// 重办) → 核查 → 答复 → 回访 → 销号; a 回访 of 不满意 sends the item back to the department with a
/// new deadline, and an anonymous item, with nobody to answer, goes from 核查 to 销号.
public enum ProblemFlow {
    /// The state after `step` from `state`; `ProblemError` when the step does not follow.
    /// `callback` is the 回访's answer (only for `.callback`).
    public static func next(
        after step: ProblemStep, from state: ProblemState, problem: Problem, note: String?, callback: CallbackSatisfaction? = nil
    ) throws(ProblemError) -> ProblemState {
        let hasNote = !(note ?? "").trimmingSpaces().isEmpty
        switch (state, step) {
        case (.received, .assign): return .assigned
        case (.assigned, .reportDone):
            guard hasNote else { throw .noteRequired(step) }
            return .done
        case (.done, .sendBack):
            guard hasNote else { throw .noteRequired(step) }
            return .assigned
        case (.done, .verify): return .verified
        case (.verified, .reply):
            guard problem.reporter != nil else { throw .anonymous(problem.id) }
            guard hasNote else { throw .noteRequired(step) }
            guard problem.repliedOn == nil else { throw .illegalStep(id: problem.id, state: state, step: step) }
            return .verified
        case (.verified, .callback):
            guard problem.reporter != nil else { throw .anonymous(problem.id) }
            guard problem.repliedOn != nil else { throw .replyFirst(problem.id) }
            guard problem.callback == nil else { throw .illegalStep(id: problem.id, state: state, step: step) }
            guard let callback else { throw .callbackRequired }
            if callback == .dissatisfied {
                guard hasNote else { throw .noteRequired(step) }
                return .assigned
            }
            return .verified
        case (.verified, .close):
            guard problem.reporter == nil || problem.callback != nil else { throw .callbackFirst(problem.id) }
            return .closed
        default:
            if step == .reply || step == .callback, problem.reporter == nil { throw .anonymous(problem.id) }
            throw .illegalStep(id: problem.id, state: state, step: step)
        }
    }

    /// The steps the office (or the department, for 办结) may take next, in the order a page
    /// offers them: what `next` would accept, the note and the answer aside.
    public static func allowed(_ problem: Problem) -> [ProblemStep] {
        ProblemStep.allCases.filter { step in
            guard step != .receive, step != .recount else { return false }
            do {
                _ = try next(after: step, from: problem.state, problem: problem, note: "x", callback: .satisfied)
                return true
            } catch {
                return false
            }
        }
    }
}
