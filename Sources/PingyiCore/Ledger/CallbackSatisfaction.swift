/// What the reporter said when called back (回访).
public enum CallbackSatisfaction: String, CaseIterable, Codable, Hashable, Sendable {
    case satisfied = "满意"
    case basicallySatisfied = "基本满意"
    case dissatisfied = "不满意"
    /// Not reached.
    case notReached = "未回访"

    /// Counted as satisfied in the reports (满意 and 基本满意).
    public var isSatisfied: Bool { self == .satisfied || self == .basicallySatisfied }
}
