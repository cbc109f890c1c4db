import PingyiCore

/// 个人: one chief's results over the years, with the trend as a line chart.
struct ConsoleChiefPage: Page {
    /// `Templates/console-chief.mustache`.
    static let template = "console-chief"

    struct YearLine: Sendable {
        let year: Int
        let source: String
        let rank: String
        let composite: String
        let merchant: String
        let unsatisfied: String
        let stars: String
        let assessment: String
        let evidence: String
        let action: String
        let flagged: Bool
    }

    let member: ConsoleMemberView
    let employeeNumber: String
    let name: String
    let department: String
    let position: String
    let chart: TrendChart
    let years: [YearLine]
    /// The merchants' comments of the newest year, shuffled and undated (for 整改), or why they
    /// are not shown: fewer valid votes than the policy's `commentsMinBallots`.
    let commentsYear: Int?
    let comments: [String]
    let commentsNote: String?
    let hasComments: Bool

    /// `results`: each year's score, oldest first, and whether it is the official (published) one.
    init(
        member: ConsoleMemberView, employeeNumber: String, results: [(year: Int, official: Bool, score: ChiefScore)],
        comments: (year: Int, texts: [String]?, minimum: Int)? = nil
    ) {
        self.member = member
        commentsYear = comments?.year
        self.comments = comments?.texts ?? []
        hasComments = !(comments?.texts ?? []).isEmpty
        commentsNote = comments.map { comments in
            guard let texts = comments.texts else {
                return "有效票少于 \(comments.minimum) 张，为保护评议企业，不显示意见。"
            }
            return texts.isEmpty ? "评议企业没有写下意见。" : "共 \(texts.count) 条，顺序已打乱，不显示日期和企业。"
        }
        self.employeeNumber = employeeNumber
        let latest = results.last?.score
        name = latest?.name ?? employeeNumber
        department = latest.map { "\($0.departmentName) \($0.section)" } ?? ""
        position = latest?.position ?? ""
        chart = TrendChart(results.map { ($0.year, $0.score.composite, $0.score.flagged) })
        years = results.reversed().map { year, official, score in
            YearLine(
                year: year, source: official ? "正式结果" : "未发布", rank: score.rank.map(String.init) ?? (score.insufficientData ? "有效票不足" : "—"),
                composite: Figures.score(score.composite), merchant: Figures.score(score.merchantScore),
                unsatisfied: score.unsatisfiedShare.map(Figures.percent) ?? "—", stars: StarLevelText.of(score.starLevel),
                assessment: Figures.score(score.assessmentScore), evidence: score.flags.map { "\($0.label)：\($0.text)" }.joined(separator: "；"),
                action: score.action?.rawValue ?? "", flagged: score.flagged)
        }
    }
}
