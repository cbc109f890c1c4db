import PingyiCore
import PingyiStore

/// 活动进度: each campaign still in play with its response rate, overall and by department, and
/// the buttons that move it on (each through a confirmation page) or issue its invitations.
struct ConsoleProgressPage: Sendable {
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
    static func card(_ campaign: Campaign, status: InvitationStatus, reissues: [Reissued]) -> Card {
        let next: Step? =
            switch campaign.state {
            case .draft: Step(action: "open", label: "开始活动")
            case .open: Step(action: "close", label: "结束活动")
            case .closed: Step(action: "publish", label: "发布活动")
            case .published: nil
            }
        return Card(
            id: campaign.id, title: "\(campaign.year) 年度「\(campaign.kind.label)」（活动 \(campaign.id)）", state: campaign.state.label,
            issued: status.issued, used: status.used, revoked: status.revoked, rate: Figures.percent(status.responseRate),
            hasInvitations: status.issued > 0, canIssue: campaign.state.acceptsInvitations, next: next,
            departments: status.departments.map {
                DepartmentLine(
                    name: $0.name, used: $0.used, issued: $0.issued, rate: Figures.percent($0.responseRate),
                    bar: Int(($0.responseRate * 120).rounded()))
            },
            reissued: reissues.reduce(0) { $0 + $1.revoked },
            reissues: reissues.map { ReissueLine(text: "\($0.at)（UTC）\($0.actor) 作废并重发 \($0.revoked) 个：\($0.reason)") },
            hasReissues: !reissues.isEmpty)
    }
}
