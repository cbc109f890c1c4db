/// Who an API key speaks for.
public enum APIRole: String, Sendable, Codable, CaseIterable {
    /// 营商办: the office, which may change things.
    case admin
    /// 组织部: the organization department, read-only.
    case orgdept
    /// 人事: HR, read-only, the personnel list.
    case hr
}
