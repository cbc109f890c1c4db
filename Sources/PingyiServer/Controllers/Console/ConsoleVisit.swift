import Foundation
import PingyiCore

/// A signed-in member's request: who, their session, and the anti-forgery token of their forms.
struct ConsoleVisit: Sendable {
    let member: StaffMember
    let sessionHash: Data
    let csrf: String

    /// The page header's view of the member.
    var header: ConsoleMemberView { ConsoleMemberView(member, csrf: csrf) }

    /// What the audit log calls them.
    var actor: String { "staff:\(member.login)" }
}
