/// HR's two lists.
public enum PersonnelListKind: String, Sendable, Codable, CaseIterable {
    /// 拟晋升/评优.
    case promotion
    /// 拟调整.
    case adjustment

    /// The Chinese name.
    public var label: String {
        switch self {
        case .promotion: "拟晋升/评优"
        case .adjustment: "拟调整"
        }
    }
}
