import Foundation
import PingyiCore

/// One year's workbench: its steps in order, its campaigns with the next action of each, and
/// scoring and publishing where the year's state allows them.
struct ConsoleYearPage: Page {
    /// `Templates/console-year.mustache`.
    static let template = "console-year"

    /// A step as the page shows it.
    struct Step: Sendable {
        let name: String
        let state: String
        let label: String
        let detail: String
        let blocked: String?
    }

    /// A campaign's line, with the one action that comes next.
    struct CampaignLine: Sendable {
        let id: Int
        let kind: String
        let state: String
        let progress: String
        let isDraft: Bool
        let isOpen: Bool
        let isClosed: Bool
        /// Whether the planned times may change (before the count), and the opening time too
        /// (a draft, or open but not yet taking answers).
        let reschedulable: Bool
        let opensEditable: Bool
        /// The planned times, as the office reads them (「未定」 when none); a counted campaign's
        /// real end.
        let plan: String
        /// The ballot key's fingerprint once opened (nil for drafts: an empty string would still open the section).
        let fingerprint: String?
        /// A campaign of the joint count: closed and waiting for the trustees' shares, or counted.
        var joint: Bool = false
        var needsCount: Bool = false
        var counted: Bool = false
        /// The planned times as a `datetime-local` field writes them (China Standard Time), or "".
        let opensAt: String
        let closesAt: String
    }

    /// A campaign kind the year has none of yet.
    struct MissingKind: Sendable {
        let value: String
        let label: String
    }

    let member: ConsoleMemberView
    let csrf: String
    let year: Int
    let title: String
    let steps: [Step]
    let campaigns: [CampaignLine]
    let missing: [MissingKind]
    let scoringBlock: String?
    let publishingBlock: String?
    let published: Bool
    let latestRun: Int?
    /// Whether the campaigns' table and the form for a missing kind are shown.
    let hasCampaigns: Bool
    let hasMissing: Bool
    /// What the office has just done, said once above the steps (`?done=`), or `nil`.
    var notice: String?

    /// The notice for `?done=` — a fixed sentence, never the query's text.
    static func notice(_ done: String?, year: Int) -> String? {
        switch done {
        case "year": "已新建 \(year) 年度。请按下面的步骤导入名单、建立活动。"
        case "campaign": "活动已建立（草稿）。可设置计划时间，发放邀请后开始活动。"
        case "schedule": "计划时间已保存。"
        default: nil
        }
    }

    /// A time as a `datetime-local` field shows it, in China Standard Time.
    static func field(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    init(
        member: ConsoleMemberView, csrf: String, title: String, facts: YearFacts, fingerprints: [Int: String] = [:],
        joint: Set<Int> = [], now: Date = Date()
    ) {
        self.member = member
        self.csrf = csrf
        year = facts.year
        self.title = title
        steps = YearSteps.steps(facts).map {
            Step(name: $0.name, state: $0.state.rawValue, label: $0.label, detail: $0.detail, blocked: $0.blocked)
        }
        campaigns = facts.campaigns.map {
            CampaignLine(
                id: $0.id, kind: $0.kind.label, state: $0.state.label, progress: "已提交 \($0.used) / 已发放 \($0.issued)",
                isDraft: $0.state == .draft, isOpen: $0.state == .open, isClosed: $0.state == .closed,
                reschedulable: $0.state == .draft || $0.state == .open,
                opensEditable: $0.state == .draft || ($0.state == .open && ($0.opensAt.map { $0 > now } ?? false)),
                plan: Self.plan($0),
                fingerprint: fingerprints[$0.id],
                joint: joint.contains($0.id), needsCount: $0.awaitingCount,
                counted: joint.contains($0.id) && ($0.state == .closed || $0.state == .published) && !$0.awaitingCount,
                opensAt: $0.opensAt.map(Self.field) ?? "", closesAt: $0.closesAt.map(Self.field) ?? "")
        }
        let present = Set(facts.campaigns.map(\.kind))
        missing = CampaignKind.allCases.filter { !present.contains($0) }.map { MissingKind(value: $0.rawValue, label: $0.label) }
        scoringBlock = YearSteps.scoringBlock(facts)
        publishingBlock = YearSteps.publishingBlock(facts)
        published = facts.published
        latestRun = facts.latestRun
        hasCampaigns = !campaigns.isEmpty
        hasMissing = !missing.isEmpty
    }

    /// A campaign's times in words: planned until it is counted, then when it really ended.
    static func plan(_ campaign: YearFacts.CampaignFact) -> String {
        let start = "开始 " + (campaign.opensAt.map(CountyCalendar.moment) ?? "未定")
        if let closedAt = campaign.closedAt {
            return start + "，已于 " + CountyCalendar.moment(closedAt) + (campaign.awaitingCount ? " 结束，等待联合计票" : " 结束并计票")
        }
        return start + "，结束 " + (campaign.closesAt.map(CountyCalendar.moment) ?? "未定")
    }
}
