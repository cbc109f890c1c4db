import PingyiCore

/// 个人: one chief's results over the years, with the trend as a line chart.
struct ConsoleChiefPage: Sendable {
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

    /// `results`: each year's score, oldest first, and whether it is the official (published) one.
    init(member: ConsoleMemberView, employeeNumber: String, results: [(year: Int, official: Bool, score: ChiefScore)]) {
        self.member = member
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
                assessment: Figures.score(score.assessmentScore), evidence: score.flags.map(\.text).joined(separator: "；"),
                action: score.action?.rawValue ?? "", flagged: score.flagged)
        }
    }
}
