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

    init(_ member: StaffMember, csrf: String) {
        name = member.name
        self.csrf = csrf
        isAdmin = member.role == .admin
        canRank = member.role == .admin || member.role == .orgdept
        isOffice = member.role != .department
        isDepartment = member.role == .department
    }
}
