import PingyiCore

/// 账号管理: every account with its kind, department and state, the buttons that change it, and
/// the form of a new one.
struct ConsoleStaffPage: Page {
    /// `Templates/console-staff.mustache`.
    static let template = "console-staff"

    struct Line: Sendable {
        let login: String
        let name: String
        let role: String
        let department: String
        let state: String
        let active: Bool
    }

    let member: ConsoleMemberView
    let csrf: String
    let lines: [Line]
    let roles: [ConsoleOption]
    let departments: [ConsoleOption]
    let login: String
    let name: String
    let error: String?

    init(
        member: ConsoleMemberView, csrf: String, accounts: [(member: StaffMember, active: Bool)], departments: [(code: String, name: String)],
        fields: [String: String], error: String?
    ) {
        self.member = member
        self.csrf = csrf
        let names = Dictionary(departments.map { ($0.code, $0.name) }) { first, _ in first }
        lines = accounts.map { account, active in
            Line(
                login: account.login, name: account.name, role: account.role.label,
                department: account.departmentCode.map { names[$0] ?? $0 } ?? "",
                state: !active ? "已停用" : account.mustChangePassword ? "待修改初始密码" : "正常",
                active: active)
        }
        let chosen = fields["role"] ?? APIRole.department.rawValue
        roles = [APIRole.department, .admin, .orgdept, .hr].map {
            ConsoleOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == chosen)
        }
        self.departments = departments.map { ConsoleOption(value: $0.code, label: $0.name, selected: $0.code == fields["department"]) }
        login = fields["login"] ?? ""
        name = fields["name"] ?? ""
        self.error = error
    }
}
