/// Where a problem stands in the chain 收集 → 交办 → 限时办结 → 督查核查 → 反馈回访 → 销号.
public enum ProblemState: String, CaseIterable, Codable, Hashable, Sendable {
    /// Collected, not yet assigned (待交办).
    case received
    /// Assigned to a department, running against its deadline (办理中).
    case assigned
    /// The department reported it done; the office is to verify (待核查).
    case done
    /// Verified by the office; the reporter is to be told and called back, then it is closed
    /// (待反馈销号). An anonymous one goes straight to 销号.
    case verified
    /// Closed, the last step (已销号).
    case closed

    /// In Chinese.
    public var label: String {
        switch self {
        case .received: "待交办"
        case .assigned: "办理中"
        case .done: "待核查"
        case .verified: "待反馈销号"
        case .closed: "已销号"
        }
    }
}
