/// 部门/单位: an enterprise-facing department of the county (e.g. 县市场监督管理局).
public struct Department: Hashable, Sendable, Codable {
    /// The department's short code (e.g. `SCJG`), its key.
    public var code: String
    /// Its full name.
    public var name: String
    /// Whether it is appraised this year.
    public var active: Bool

    /// Makes a department.
    public init(code: String, name: String, active: Bool = true) {
        self.code = code
        self.name = name
        self.active = active
    }
}
