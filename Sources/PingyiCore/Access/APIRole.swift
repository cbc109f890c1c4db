/// Who an API key or a console account speaks for.
public enum APIRole: String, Sendable, Codable, CaseIterable {
    /// 营商办: the office, which may change things.
    case admin
    /// 组织部: the organization department, read-only.
    case orgdept
    /// 人事: HR, read-only, the personnel list.
    case hr
    /// 部门联络员: a department's liaison, console only (an API key never has this role): sees
    /// its own department's ledger items and reports them done.
    case department

    /// The roles an API key may have.
    public static let forKeys: [APIRole] = [.admin, .orgdept, .hr]

    /// In Chinese.
    public var label: String {
        switch self {
        case .admin: "营商办"
        case .orgdept: "组织部"
        case .hr: "人事"
        case .department: "部门联络员"
        }
    }
}
