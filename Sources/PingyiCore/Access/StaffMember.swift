/// A member of staff who signs in to the web console.
public struct StaffMember: Hashable, Sendable {
    /// The account's id.
    public var id: Int
    /// The sign-in name.
    public var login: String
    /// 姓名.
    public var name: String
    /// What the account may see and do (the API's roles).
    public var role: APIRole
    /// Whether the initial password must be changed before anything else.
    public var mustChangePassword: Bool
    /// The department a 部门联络员 acts for (nil for every other role).
    public var departmentCode: String?

    /// Makes a member.
    public init(id: Int, login: String, name: String, role: APIRole, mustChangePassword: Bool, departmentCode: String? = nil) {
        self.id = id
        self.login = login
        self.name = name
        self.role = role
        self.mustChangePassword = mustChangePassword
        self.departmentCode = departmentCode
    }
}
