/// Where a follow-up stands.
public enum FollowUpStatus: String, Sendable, Codable, CaseIterable {
    /// Not yet carried out.
    case pending
    /// Carried out; the outcome is recorded.
    case done
    /// Not to be carried out (with the reason recorded).
    case waived
    /// Void: the year's publication it came from was taken back (with the reason).
    case withdrawn

    /// The Chinese name.
    public var label: String {
        switch self {
        case .pending: "待办"
        case .done: "已完成"
        case .waived: "已免除"
        case .withdrawn: "已撤销"
        }
    }
}
