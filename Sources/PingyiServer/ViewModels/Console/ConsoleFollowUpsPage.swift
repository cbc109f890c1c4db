import PingyiCore

/// 整改跟踪: the follow-ups of flagged chiefs, overdue ones first, with a form to record the
/// outcome of each one still pending.
struct ConsoleFollowUpsPage: Page {
    /// `Templates/console-follow-ups.mustache`.
    static let template = "console-follow-ups"

    struct Line: Sendable {
        let id: Int
        let year: Int
        let employeeNumber: String
        let name: String
        let department: String
        let action: String
        let reason: String
        let due: String
        let status: String
        let overdue: Bool
        let pending: Bool
        let outcome: String
        let recordedBy: String
        /// Today, the 办理日期 field's default and latest day.
        let today: String
        let draft: String
        let error: String?
    }

    let member: ConsoleMemberView
    let csrf: String
    let overdueCount: Int
    let pendingCount: Int
    let lines: [Line]

    /// `followUps` in the store's order: pending first by due date, so the overdue ones lead.
    /// `failed`: the follow-up whose form was refused, with the note typed and why.
    init(member: ConsoleMemberView, csrf: String, followUps: [FollowUp], today: CivilDate, failed: (id: Int, note: String, error: String)? = nil) {
        self.member = member
        self.csrf = csrf
        func isOverdue(_ followUp: FollowUp) -> Bool { followUp.isOverdue(on: today) }
        overdueCount = followUps.filter(isOverdue).count
        pendingCount = followUps.filter { $0.status == .pending }.count
        lines = followUps.map { followUp in
            let failure = failed?.id == followUp.id ? failed : nil
            return Line(
                id: followUp.id, year: followUp.year, employeeNumber: followUp.employeeNumber, name: followUp.name,
                department: followUp.departmentName, action: followUp.action.rawValue, reason: followUp.reason, due: "\(followUp.dueOn)",
                status: isOverdue(followUp) ? "已逾期" : followUp.status.label, overdue: isOverdue(followUp),
                pending: followUp.status == .pending,
                outcome: (followUp.outcome ?? "") + (followUp.doneOn.map { "（\($0) 办理）" } ?? ""),
                recordedBy: followUp.recordedBy.map { "记录人：" + ActorLabel.text($0) } ?? "", today: "\(today)",
                draft: failure?.note ?? "", error: failure?.error)
        }
    }
}
