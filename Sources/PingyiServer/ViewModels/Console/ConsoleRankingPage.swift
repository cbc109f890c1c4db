import Mustache
import PingyiCore

/// 排名: the year's ranked chiefs (one department's, or the whole ranking a page of 100 at a time)
/// with the dot plot of their composites and 不满意 shares (`RankingDotPlot`), flagged chiefs in
/// red, and the departments' star levels.
struct ConsoleRankingPage: Page {
    /// `Templates/console-ranking.mustache`.
    static let template = "console-ranking"

    struct Line: Sendable {
        let rank: String
        let employeeNumber: String
        let name: String
        let departmentName: String
        let section: String
        let composite: String
        /// 有效票 and the 不满意 share (— when withheld or none).
        let ballots: String
        let share: String
        let merchant: String
        let stars: String
        let assessment: String
        /// Each rule that flagged the chief: 不满意 or 末位, its plain words and its 说明.
        let findings: [Finding]
        let action: String
        let flagged: Bool
    }

    /// Why a chief is flagged, as the page says it.
    struct Finding: Sendable {
        let label: String
        let text: String
        let note: String?
    }

    struct DepartmentLine: Sendable {
        let name: String
        let stars: String
        let starScore: String
        let assessment: String
        let meanComposite: String
        let flagged: Int
        let chiefs: Int
    }

    let member: ConsoleMemberView
    let year: Int
    let source: String
    let years: [ConsoleOption]
    let departments: [ConsoleOption]
    let filteredBy: String?
    /// The dot plot, or `nil` when nobody on the page is ranked (an empty plot is only axes).
    let chart: RankingDotPlot?
    let rows: [Line]
    let departmentLines: [DepartmentLine]
    /// Whether the departments' table is on this page.
    var showsDepartments: Bool { !departmentLines.isEmpty }
    /// Paging of the whole ranking (nil when one department is shown, or everything fits one page).
    let paging: Paging?

    /// 第 N / M 页 with the neighbours' addresses.
    struct Paging: Sendable {
        let page: Int
        let pages: Int
        let first: Int
        let last: Int
        let total: Int
        let previous: String?
        let next: String?
    }

    /// Chiefs on a page of the whole ranking.
    static let pageSize = 100

    /// Pages of a ranking of `count` chiefs (at least one).
    static func pageCount(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

    init(
        member: ConsoleMemberView, run: ScoringRun, policy: ScoringPolicy?, years: [Int], departments: [DepartmentResult], department: String?,
        page: Int = 1
    ) {
        self.member = member
        year = run.year
        source = run.official ? "正式结果（\(run.label)）" : "最近一次计分（\(run.label)，未发布）"
        self.years = years.map { ConsoleOption(value: "\($0)", label: "\($0) 年度", selected: $0 == run.year) }
        self.departments =
            [ConsoleOption(value: "", label: "全部部门", selected: department == nil)]
            + departments.map { ConsoleOption(value: $0.code, label: $0.name, selected: $0.code == department) }
        filteredBy = department.flatMap { code in departments.first { $0.code == code }?.name }
        var shown = run.scores.filter { department == nil || $0.departmentCode == department }
        let pages = Self.pageCount(shown.count)
        if department == nil, pages > 1 {
            let page = min(max(page, 1), pages)
            let first = (page - 1) * Self.pageSize
            let link = { (number: Int) in "/console/ranking?year=\(run.year)&page=\(number)" }
            paging = Paging(
                page: page, pages: pages, first: first + 1, last: min(first + Self.pageSize, shown.count), total: shown.count,
                previous: page > 1 ? link(page - 1) : nil, next: page < pages ? link(page + 1) : nil)
            shown = Array(shown[first..<min(first + Self.pageSize, shown.count)])
        } else {
            paging = nil
        }
        let plot = RankingDotPlot(shown, policy: policy, wholeRanking: department == nil)
        chart = plot.rows.isEmpty ? nil : plot
        rows = shown.map { score in
            Line(
                rank: score.rank.map(String.init) ?? (score.insufficientData ? "有效票不足" : "—"), employeeNumber: score.employeeNumber,
                name: score.name, departmentName: score.departmentName, section: score.section, composite: Figures.score(score.composite),
                ballots: "\(score.n)", share: score.unsatisfiedShare.map(Figures.percent) ?? "—",
                merchant: Figures.score(score.merchantScore), stars: StarLevelText.of(score.starLevel),
                assessment: Figures.score(score.assessmentScore),
                findings: score.flags.map { Finding(label: $0.label, text: $0.text, note: $0.note) },
                action: score.action?.rawValue ?? "", flagged: score.flagged)
        }
        // The departments' table: the chosen one's line, else every department on the first page
        // only (a province has 1,500: not again on each of its 300 pages).
        let listed = (paging?.page ?? 1) == 1 ? departments.filter { department == nil || $0.code == department } : []
        departmentLines = listed.map {
            DepartmentLine(
                name: $0.name, stars: StarLevelText.of($0.starLevel), starScore: Figures.score($0.starScore),
                assessment: Figures.score($0.assessmentScore), meanComposite: Figures.score($0.meanComposite), flagged: $0.flagged,
                chiefs: $0.chiefs)
        }
    }
}

extension ConsoleRankingPage.Line: MustacheParent {
    /// The template's keys without `Mirror` (hundreds of rows a page: reflection was most of it).
    func child(named name: String) -> Any? {
        switch name {
        case "rank": self.rank
        case "employeeNumber": self.employeeNumber
        case "name": self.name
        case "departmentName": self.departmentName
        case "section": self.section
        case "composite": self.composite
        case "ballots": self.ballots
        case "share": self.share
        case "merchant": self.merchant
        case "stars": self.stars
        case "assessment": self.assessment
        case "findings": self.findings
        case "action": self.action
        case "flagged": self.flagged
        default: nil
        }
    }
}

extension ConsoleRankingPage.DepartmentLine: MustacheParent {
    /// The template's keys without `Mirror` (hundreds of rows a page: reflection was most of it).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "stars": self.stars
        case "starScore": self.starScore
        case "assessment": self.assessment
        case "meanComposite": self.meanComposite
        case "flagged": self.flagged
        case "chiefs": self.chiefs
        default: nil
        }
    }
}
