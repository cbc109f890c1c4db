/// What the ledger refuses, with a message for the office.
public enum ProblemError: Error, Hashable, Sendable, CustomStringConvertible {
    case notFound(Int)
    /// The step does not follow from the state (verify before done, …).
    case illegalStep(id: Int, state: ProblemState, step: ProblemStep)
    /// A reply needs someone to reply to.
    case anonymous(Int)
    /// Sending back, reporting done and replying need a note.
    case noteRequired(ProblemStep)
    case unknownDepartment(String)
    case clueNotFound(String)
    case clueTaken(String)
    case badDescription

    public var description: String {
        switch self {
        case .notFound(let id): "没有编号为 \(id) 的问题"
        case .illegalStep(let id, let state, let step):
            "问题 \(id) 当前为「\(state.label)」，不能「\(step.label)」。顺序为：交办 → 部门办结 → 核查销号（或退回重办）→ 结果反馈。未作任何改动"
        case .anonymous(let id): "问题 \(id) 来自匿名线索或未留姓名，没有可以反馈的对象。未作任何改动"
        case .noteRequired(let step): "「\(step.label)」须写明情况（--note）。未作任何改动"
        case .unknownDepartment(let code): "未知部门「\(code)」。未作任何改动"
        case .clueNotFound(let id): "没有编号为 \(id) 的问题线索"
        case .clueTaken(let id): "问题线索 \(id) 已转为台账问题"
        case .badDescription: "问题描述不能为空，且不超过 5000 字"
        }
    }
}
