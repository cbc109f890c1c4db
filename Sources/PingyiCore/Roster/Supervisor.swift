/// 特约监督员: a special supervisor who star-rates the departments.
public struct Supervisor: Hashable, Sendable, Codable {
    /// 编号: the supervisor's number, the key (e.g. `JD001`).
    public var code: String
    /// 姓名.
    public var name: String
    /// 类别.
    public var category: SupervisorCategory
    /// 工作单位, if given.
    public var affiliation: String?
    /// 联系电话, if given.
    public var phone: String?
    /// Whether the supervisor serves this year.
    public var active: Bool

    /// Makes a supervisor.
    public init(code: String, name: String, category: SupervisorCategory, affiliation: String? = nil, phone: String? = nil, active: Bool = true) {
        self.code = code
        self.name = name
        self.category = category
        self.affiliation = affiliation
        self.phone = phone
        self.active = active
    }
}
