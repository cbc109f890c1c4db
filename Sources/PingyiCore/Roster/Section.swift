/// 股室: a section inside a department, identified by its department and name.
public struct Section: Hashable, Sendable, Codable {
    /// The department's code.
    public var departmentCode: String
    /// The section's name (e.g. 登记注册股).
    public var name: String

    /// Makes a section.
    public init(departmentCode: String, name: String) {
        self.departmentCode = departmentCode
        self.name = name
    }
}
