/// Where a problem stands in the chain 收集 → 交办 → 办结 → 督查 → 销号.
public enum ProblemState: String, CaseIterable, Codable, Hashable, Sendable {
    /// Collected, not yet assigned (待交办).
    case received
    /// Assigned to a department, running against its deadline (办理中).
    case assigned
    /// The department reported it done; the office is to verify (待核查).
    case done
    /// Verified and closed (已销号).
    case closed

    /// In Chinese.
    public var label: String {
        switch self {
        case .received: "待交办"
        case .assigned: "办理中"
        case .done: "待核查"
        case .closed: "已销号"
        }
    }
}
