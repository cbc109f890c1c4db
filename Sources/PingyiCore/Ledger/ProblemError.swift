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
    /// 回访 comes after 答复; 销号 of an item with a reporter after 回访.
    case replyFirst(Int)
    case callbackFirst(Int)
    /// A 回访 needs its answer (满意, 基本满意, 不满意 or 未回访).
    case callbackRequired
    /// A step dated after today, or before the step it follows.
    case futureDay(CivilDate)
    case beforeLastStep(day: CivilDate, last: CivilDate)

    public var description: String {
        switch self {
        case .notFound(let id): "没有编号为 \(id) 的问题"
        case .illegalStep(let id, let state, let step):
            "问题 \(id) 当前为「\(state.label)」，不能「\(step.label)」。顺序为：交办 → 部门办结（或退回重办）→ 核查通过 → 答复反映人 → 回访 → 销号。未作任何改动"
        case .anonymous(let id): "问题 \(id) 来自匿名线索或未留姓名，没有可以反馈的对象。未作任何改动"
        case .noteRequired(let step): "「\(step.label)」须写明情况。未作任何改动"
        case .unknownDepartment(let code): "未知部门「\(code)」。未作任何改动"
        case .clueNotFound(let id): "没有编号为 \(id) 的问题线索"
        case .clueTaken(let id): "问题线索 \(id) 已转为台账问题"
        case .badDescription: "问题描述不能为空，且不超过 5000 字"
        case .replyFirst(let id): "问题 \(id) 还没有答复反映人，先答复再回访。未作任何改动"
        case .callbackFirst(let id): "问题 \(id) 有反映人，须先答复并回访（联系不上的记「未回访」）后才能销号。未作任何改动"
        case .callbackRequired: "回访须选择结果：满意、基本满意、不满意或未回访。未作任何改动"
        case .futureDay(let day): "日期 \(day) 晚于今天，不能预先登记。未作任何改动"
        case .beforeLastStep(let day, let last): "日期 \(day) 早于上一步（\(last)），请核对日期。未作任何改动"
        }
    }
}
