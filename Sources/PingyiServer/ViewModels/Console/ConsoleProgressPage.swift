import Foundation
import PingyiCore
import PingyiStore

/// 活动进度: each campaign still in play with its response rate, overall and by department, and
/// the buttons that move it on (each through a confirmation page) or issue its invitations.
struct ConsoleProgressPage: Page {
    /// `Templates/console-progress.mustache`.
    static let template = "console-progress"

    struct DepartmentLine: Sendable {
        let name: String
        let used: Int
        let issued: Int
        let rate: String
        let bar: Int
    }

    struct Step: Sendable {
        let action: String
        let label: String
    }

    /// One reissue: who, when, how many, why.
    struct ReissueLine: Sendable {
        let text: String
    }

    struct Card: Sendable {
        let id: Int
        let title: String
        let state: String
        let issued: Int
        let used: Int
        let revoked: Int
        let rate: String
        let hasInvitations: Bool
        let canIssue: Bool
        let next: Step?
        let departments: [DepartmentLine]
        /// 「重新发放」 so far: the number of links and each occasion.
        let reissued: Int
        let reissues: [ReissueLine]
        let hasReissues: Bool
        /// The planned times and what waits for the office (`Campaign.scheduleNote`).
        let schedule: String?
        /// The ballot key's fingerprint (opened campaigns): the office checks its key file by it.
        let fingerprint: String?
        /// Answers per day while the campaign is open, cumulative, for the whole campaign only.
        let chart: DailyChart?
        /// The department lines are shown only from `k` answers each (the policy's minBallots).
        let departmentsHidden: Int
        let minimum: Int
        /// An open campaign: reminders from the office's links file.
        let canRemind: Bool
    }

    /// The campaign's answers day by day, cumulative (SVG drawn on the server).
    struct DailyChart: Sendable {
        let points: String
        let width: Int
        let height: Int
        let total: Int
        let first: String
        let last: String
    }

    static func chart(_ days: [(day: CivilDate, count: Int)]) -> DailyChart? {
        guard let first = days.first?.day, let last = days.last?.day else { return nil }
        let span = max(1, first.days(until: last))
        let total = days.reduce(0) { $0 + $1.count }
        var running = 0
        let points = days.map { entry -> String in
            running += entry.count
            let x = 10 + Double(first.days(until: entry.day)) / Double(span) * 300
            let y = 70 - Double(running) / Double(max(1, total)) * 60
            return String(format: "%.1f,%.1f", x, y)
        }
        return DailyChart(points: "10,70 " + points.joined(separator: " "), width: 320, height: 80, total: total, first: "\(first)", last: "\(last)")
    }

    let member: ConsoleMemberView
    let campaigns: [Card]
    /// Closed campaigns of years already published: shown folded.
    let settled: [Card]
    let hasSettled: Bool
    let settledCount: Int
    let published: [String]
    let hasPublished: Bool

    init(member: ConsoleMemberView, campaigns: [Card], settled: [Card] = [], published: [String]) {
        self.member = member
        self.campaigns = campaigns
        self.settled = settled
        hasSettled = !settled.isEmpty
        settledCount = settled.count
        self.published = published
        hasPublished = !published.isEmpty
    }

    /// A campaign's card: its counts and, for its state, the next step.
    static func card(
        _ campaign: Campaign, status: InvitationStatus, reissues: [Reissued], daily: [(day: CivilDate, count: Int)] = [], minimum: Int = 5,
        now: Date = Date()
    ) -> Card {
        let next: Step? =
            switch campaign.state {
            case .draft: Step(action: "open", label: "开始活动")
            case .open: Step(action: "close", label: "结束活动")
            case .closed: Step(action: "publish", label: "归档活动")
            case .published: nil
            }
        return Card(
            id: campaign.id, title: "\(campaign.year) 年度「\(campaign.kind.label)」（活动 \(campaign.id)）", state: campaign.state.label,
            issued: status.issued, used: status.used, revoked: status.revoked, rate: Figures.percent(status.responseRate),
            hasInvitations: status.issued > 0, canIssue: campaign.state.acceptsInvitations, next: next,
            // A department's figures only from `minimum` answers: fewer could point at who answered.
            departments: status.departments.filter { $0.used >= minimum }.map {
                DepartmentLine(
                    name: $0.name, used: $0.used, issued: $0.issued, rate: Figures.percent($0.responseRate),
                    bar: Int(($0.responseRate * 120).rounded()))
            },
            reissued: reissues.reduce(0) { $0 + $1.revoked },
            reissues: reissues.map { ReissueLine(text: "\($0.at)（UTC）\($0.actor) 作废并重发 \($0.revoked) 个：\($0.reason)") },
            hasReissues: !reissues.isEmpty, schedule: campaign.scheduleNote(at: now),
            fingerprint: campaign.sealingKey?.fingerprint, chart: campaign.state == .open ? chart(daily) : nil,
            departmentsHidden: status.departments.filter { $0.used < minimum }.count, minimum: minimum, canRemind: campaign.state == .open)
    }
}
