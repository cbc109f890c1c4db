/// A step of a problem's history.
public enum ProblemStep: String, CaseIterable, Codable, Hashable, Sendable {
    case receive
    case assign
    case reportDone = "report_done"
    case sendBack = "send_back"
    case verify
    case reply
    /// 回访: the reporter's answer; 不满意 sends the item back to the department.
    case callback
    /// 销号: the last step.
    case close
    /// The deadline counted anew when a working calendar it crossed was imported.
    case recount

    /// In Chinese.
    public var label: String {
        switch self {
        case .receive: "收集"
        case .assign: "交办"
        case .reportDone: "部门办结"
        case .sendBack: "督查退回"
        case .verify: "核查通过"
        case .reply: "答复反映人"
        case .callback: "回访"
        case .close: "销号"
        case .recount: "期限重算"
        }
    }
}
