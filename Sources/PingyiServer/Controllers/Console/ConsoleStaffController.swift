import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// 账号管理 (admin): the console's accounts — the office's, 组织部's, 人事's and each
/// department's liaison — made with an initial password shown once, disabled (its sessions end)
/// and enabled, their passwords reset; the same rules and audit as `pingyi staff`.
struct ConsoleStaffController: Sendable {
    let gate: ConsoleGate
    let roster: RosterStore
    /// bcrypt, bounded (shared with sign-in).
    let hasher: PasswordHasher

    var staff: StaffStore { gate.staff }

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("staff", use: self.showStaff)
        console.post("staff", use: self.createMember)
        console.post("staff/:login/active", use: self.setActive)
        console.post("staff/:login/password", use: self.resetPassword)
    }

    /// `GET /console/staff`.
    func showStaff(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        return try await page(visit)
    }

    /// `POST /console/staff`.
    func createMember(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await create(visit, fields: fields)
    }

    /// `POST /console/staff/:login/active`.
    func setActive(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        let login = context.parameters.get("login") ?? ""
        guard let to = fields["to"], to == "enable" || to == "disable" else {
            throw ConsoleRefusal.badRequest("无法识别的操作", "只能停用或启用账号。", back: "/console/staff")
        }
        guard to == "enable" || login != visit.member.login else {
            throw ConsoleRefusal(heading: "不能停用自己的账号", text: "请由另一位管理员停用。未作任何改动。", status: .conflict, back: "/console/staff")
        }
        try await refusingUnknown { try await staff.setActive(login: login, active: to == "enable", actor: visit.actor) }
        return ConsoleGate.redirect("/console/staff?done=\(to)")
    }

    /// `POST /console/staff/:login/password`.
    func resetPassword(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, _) = try await gate.form(request, context, roles: [.admin])
        let login = context.parameters.get("login") ?? ""
        let password = InitialPassword.make()
        let hash = try await bcrypt(password)
        try await refusingUnknown { try await staff.resetPassword(login: login, passwordHash: hash, actor: visit.actor) }
        return gate.message(
            visit, heading: "已重设密码",
            text: "账号 \(login) 的新初始密码：\(password)（只显示这一次，请当面或电话告知本人；首次登录须修改）。该账号已登录的会话均已退出。",
            status: .ok, back: "/console/staff")
    }

    func page(
        _ visit: ConsoleVisit, fields: [String: String] = [:], error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        let departments = try await roster.departments()
        return gate.views.page(
            ConsoleStaffPage(
                member: visit.header, csrf: visit.csrf, accounts: try await staff.list(), departments: departments.map { ($0.code, $0.name) },
                fields: fields, error: error),
            status: status)
    }

    /// A new account; a refused one comes back on the page with what was typed.
    func create(_ visit: ConsoleVisit, fields: [String: String]) async throws -> Response {
        guard let role = fields["role"].flatMap(APIRole.init(rawValue:)) else {
            return try await page(visit, fields: fields, error: "请选择账号类别。", status: .unprocessableContent)
        }
        let login = (fields["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = InitialPassword.make()
        let hash = try await bcrypt(password)
        do {
            let member = try await staff.create(
                login: login, name: name, role: role, department: role == .department ? fields["department"] : nil, passwordHash: hash,
                actor: visit.actor)
            return gate.message(
                visit, heading: "已创建账号",
                text: "\(member.name)（\(role.label)）的登录名 \(member.login)，初始密码：\(password)（只显示这一次，请当面或电话告知本人；首次登录须修改）。",
                status: .ok, back: "/console/staff")
        } catch let error as StaffError {
            return try await page(visit, fields: fields, error: error.description, status: error.problem.status)
        }
    }

    func bcrypt(_ password: String) async throws -> String {
        guard let hash = try await hasher.hash(password) else {
            throw ConsoleRefusal(heading: "系统繁忙", text: "请稍后再试。未作任何改动。", status: .serviceUnavailable, back: "/console/staff")
        }
        return hash
    }

    func refusingUnknown(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch StaffError.notFound {
            throw ConsoleRefusal.notFound("没有该账号", "请从账号管理页面进入。")
        }
    }
}
