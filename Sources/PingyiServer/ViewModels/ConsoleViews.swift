import Foundation
import PingyiCore

/// The signed-in member as the console's header shows them.
struct ConsoleMemberView: Sendable {
    let name: String
    let csrf: String
    let isAdmin: Bool
    let canRank: Bool

    init(_ member: StaffMember, csrf: String) {
        name = member.name
        self.csrf = csrf
        isAdmin = member.role == .admin
        canRank = member.role == .admin || member.role == .orgdept
    }
}

/// The sign-in page.
struct ConsoleLoginPage: Sendable {
    let csrf: String
    let login: String
    let error: String?
}

/// The password page.
struct ConsolePasswordPage: Sendable {
    let member: ConsoleMemberView
    let csrf: String
    let error: String?
}

/// 活动进度: each open campaign's response rate, overall and by department.
struct ConsoleProgressPage: Sendable {
    struct DepartmentLine: Sendable {
        let name: String
        let used: Int
        let issued: Int
        let rate: String
        let bar: Int
    }

    struct CampaignLine: Sendable {
        let title: String
        let issued: Int
        let used: Int
        let rate: String
        let departments: [DepartmentLine]
    }

    let member: ConsoleMemberView
    let campaigns: [CampaignLine]
}

/// 排名: the ranked chiefs with a horizontal bar chart drawn as SVG on the server.
struct ConsoleRankingPage: Sendable {
    struct Bar: Sendable {
        let label: String
        let y: Int
        let textY: Int
        let width: Int
        let valueX: Int
        let value: String
        let color: String
    }

    struct Line: Sendable {
        let rank: String
        let name: String
        let department: String
        let composite: String
        let merchant: String
        let stars: String
        let assessment: String
        let evidence: String
        let flagged: Bool
    }

    let member: ConsoleMemberView
    let year: Int
    let source: String
    let height: Int
    let bars: [Bar]
    let rows: [Line]

    init(member: ConsoleMemberView, run: ScoringRun) {
        self.member = member
        year = run.year
        source = run.official ? "正式结果（第 \(run.id) 次评分）" : "最近一次评分（第 \(run.id) 次，未发布）"
        let ranked = run.scores.filter { $0.rank != nil && $0.composite != nil }
        height = max(40, ranked.count * 22 + 10)
        bars = ranked.enumerated().map { index, score in
            let width = Int((score.composite! / 100 * 480).rounded())
            return Bar(
                label: "\(score.rank!). \(score.name)（\(score.departmentName)）", y: index * 22 + 6, textY: index * 22 + 19,
                width: width, valueX: 196 + width, value: Figures.score(score.composite), color: score.flagged ? "#b71c1c" : "#9ca3af")
        }
        rows = run.scores.map { score in
            Line(
                rank: score.rank.map(String.init) ?? (score.insufficientData ? "样本不足" : "—"), name: score.name,
                department: "\(score.departmentName) \(score.section)", composite: Figures.score(score.composite),
                merchant: Figures.score(score.merchantScore), stars: score.starLevel.map { String(repeating: "★", count: $0) } ?? "—",
                assessment: Figures.score(score.assessmentScore), evidence: score.flags.map(\.text).joined(separator: "；"), flagged: score.flagged)
        }
    }
}
