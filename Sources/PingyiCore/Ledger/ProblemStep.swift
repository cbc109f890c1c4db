/// A step of a problem's history.
public enum ProblemStep: String, CaseIterable, Codable, Hashable, Sendable {
    case receive
    case assign
    case reportDone = "report_done"
    case sendBack = "send_back"
    case verify
    case reply
    /// The deadline counted anew when a working calendar it crossed was imported.
    case recount

    /// In Chinese.
    public var label: String {
        switch self {
        case .receive: "收集"
        case .assign: "交办"
        case .reportDone: "部门办结"
        case .sendBack: "督查退回"
        case .verify: "核查销号"
        case .reply: "结果反馈"
        case .recount: "期限重算"
        }
    }
}
