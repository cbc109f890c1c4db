/// Why a staff account could not be made.
public enum StaffError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The login is in use.
    case loginTaken(String)
    /// The login or name is not acceptable.
    case badAccount
    /// No account with this login.
    case notFound(String)
    /// A 部门联络员 needs its department, and only it has one.
    case departmentRequired
    case unknownDepartment(String)

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .loginTaken(let login): "登录名 \(login) 已被使用"
        case .badAccount: "登录名须为 2–40 个小写字母、数字、. _ -；姓名 1–50 个字符"
        case .notFound(let login): "没有登录名为 \(login) 的账号"
        case .departmentRequired: "部门联络员账号须指定所属部门，其他账号不指定部门"
        case .unknownDepartment(let code): "未知部门「\(code)」"
        }
    }
}
