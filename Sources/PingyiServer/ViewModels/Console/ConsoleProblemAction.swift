import PingyiCore

/// A step a problem's page offers, as a form: what it asks for and what its button says. Only
/// the steps `ProblemFlow.allowed` gives and the member's role may take appear.
struct ConsoleProblemAction: Sendable {
    let step: String
    let label: String
    let button: String
    let hint: String
    /// 交办 chooses the department.
    let needsDepartment: Bool
    /// 回访 chooses the answer.
    let needsResult: Bool
    let noteLabel: String
    let noteRequired: Bool
    /// 办结 takes evidence files (the form is then multipart). Stored: the templates see stored
    /// properties only.
    let acceptsFiles: Bool

    /// The actions `member` may take on `problem` now: a department's liaison only reports its
    /// own items done; 组织部 and 人事 read; the office takes every step (办结 on the
    /// department's behalf, when it reported by other means).
    static func actions(for problem: Problem, role: APIRole) -> [ConsoleProblemAction] {
        let allowed = ProblemFlow.allowed(problem)
        let mine: [ProblemStep] =
            switch role {
            case .admin: allowed
            case .department: allowed.filter { $0 == .reportDone }
            case .orgdept, .hr: []
            }
        return mine.compactMap { make($0, role: role, problem: problem) }
    }

    static func make(_ step: ProblemStep, role: APIRole, problem: Problem) -> ConsoleProblemAction? {
        func action(
            _ button: String, _ hint: String, note: String, required: Bool, department: Bool = false, result: Bool = false
        )
            -> ConsoleProblemAction
        {
            ConsoleProblemAction(
                step: step.rawValue, label: step.label, button: button, hint: hint, needsDepartment: department, needsResult: result,
                noteLabel: note, noteRequired: required, acceptsFiles: step == .reportDone)
        }
        switch step {
        case .assign:
            return action("交办", "办结期限从交办之日起按工作日自动计算，节假日不算。", note: "交办说明（可选）", required: false, department: true)
        case .reportDone:
            return action(
                role == .department ? "报告办结" : "代部门登记办结", "写明办理情况：做了什么、结果如何、是否已告知企业。", note: "办理情况（必填）", required: true)
        case .sendBack:
            return action("退回重办", "核查不通过时退回部门，写明理由。", note: "退回理由（必填）", required: true)
        case .verify:
            return action("核查通过", "核查通过后答复反映人、回访，最后销号（匿名问题直接销号）。", note: "核查情况（可选）", required: false)
        case .reply:
            return action("登记答复", "告知反映人办理结果后登记。", note: "答复内容（必填）", required: true)
        case .callback:
            return action("登记回访", "回访不满意的，问题退回部门重办，期限重新计算。", note: "回访情况（不满意时必填）", required: false, result: true)
        case .close:
            return action("销号", "销号是最后一步，之后不能再办理。", note: "说明（可选）", required: false)
        case .receive, .recount:
            return nil
        }
    }
}
