import Foundation
import PingyiCore

/// The signed-in member as the console's header shows them, with the pages their role opens.
struct ConsoleMemberView: Sendable {
    let name: String
    let csrf: String
    let isAdmin: Bool
    let canRank: Bool
    /// The office's side (营商办, 组织部, 人事), and a department's liaison.
    let isOffice: Bool
    let isDepartment: Bool
    let isOrgDept: Bool
    /// The console's name in the masthead and the window title: whose workplace this is.
    let brand: String

    init(_ member: StaffMember, csrf: String) {
        name = member.name
        self.csrf = csrf
        isAdmin = member.role == .admin
        canRank = member.role == .admin || member.role == .orgdept
        isOffice = member.role != .department
        isDepartment = member.role == .department
        isOrgDept = member.role == .orgdept
        brand =
            switch member.role {
            case .admin: "营商办控制台"
            case .orgdept: "组织部 · 股室长评议结果"
            case .hr: "人事 · 股室长评议名单"
            case .department: "部门联络员 · 问题办理"
            }
    }
}
