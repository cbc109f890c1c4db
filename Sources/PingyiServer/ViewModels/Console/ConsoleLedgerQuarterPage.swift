import PingyiCore

/// 季排名点评: the quarter's ranking with a chart — each department's score this quarter as a
/// dot on 0–100 and its earlier quarters as lighter dots joined by a line (its trend).
struct ConsoleLedgerQuarterPage: Page {
    /// `Templates/console-ledger-quarter.mustache`.
    static let template = "console-ledger-quarter"

    struct Line: Sendable {
        let rank: String
        let department: String
        let score: String
        let onTime: String
        let sendBack: String
        let satisfaction: String
        let overdueOpen: Int
        let trend: String
    }

    struct Row: Sendable {
        let label: String
        let textY: Double
        let y: Double
        let x: Double
        let points: String
        let earlier: [Dot]
    }

    struct Dot: Sendable {
        let x: Double
        let label: String
    }

    let member: ConsoleMemberView
    let year: Int
    let quarter: Int
    let quarters: [ConsoleOption]
    let lines: [Line]
    let rows: [Row]
    /// Stored: Mustache reads stored properties only.
    let hasChart: Bool
    let height: Double
    let plotStart = ConsoleLedgerQuarterPage.plotStart
    let plotEnd = ConsoleLedgerQuarterPage.plotEnd
    let ticks: [Dot]

    static let plotStart = 12.0
    static let plotEnd = 366.0

    init(member: ConsoleMemberView, year: Int, quarter: Int, ranking: [DepartmentQuarter]) {
        self.member = member
        self.year = year
        self.quarter = quarter
        quarters = (1...4).map { ConsoleOption(value: "\($0)", label: "第 \($0) 季度", selected: $0 == quarter) }
        func x(_ score: Double) -> Double { Self.plotStart + score / 100 * (Self.plotEnd - Self.plotStart) }
        lines = ranking.map { row in
            Line(
                rank: row.rank.map(String.init) ?? "—", department: row.name, score: row.score.map { Figures.score($0) } ?? "—",
                onTime: row.onTimeRate.map(Figures.percent) ?? "—", sendBack: row.sendBackRate.map(Figures.percent) ?? "—",
                satisfaction: row.satisfactionRate.map(Figures.percent) ?? "—", overdueOpen: row.overdueOpen,
                trend: row.trend.keys.sorted().map { "\(Self.quarterName($0)) \(Figures.score(row.trend[$0]))" }.joined(separator: "　"))
        }
        let scored = ranking.filter { $0.score != nil }
        rows = scored.enumerated().map { index, row in
            // The label on its own line, the dots under it: long department names never meet the plot.
            let y = 52 + Double(index) * 34
            let trend = row.trend.keys.sorted().compactMap { q in row.trend[q].map { (q, x($0)) } }
            return Row(
                label: "\(row.rank ?? 0). \(row.name) \(Figures.score(row.score))", textY: y - 9, y: y, x: x(row.score ?? 0),
                points: trend.map { "\($0.1),\(y)" }.joined(separator: " "),
                earlier: trend.filter { $0.0 != quarter }.map { Dot(x: $0.1, label: Self.quarterName($0.0)) })
        }
        height = 52 + Double(scored.count) * 34
        hasChart = !rows.isEmpty
        ticks = [0, 50, 100].map { Dot(x: x(Double($0)), label: "\($0)") }
    }

    /// 「一季度」 … 「四季度」, as a county's reports say it.
    static func quarterName(_ quarter: Int) -> String { ["一", "二", "三", "四"][max(1, min(4, quarter)) - 1] + "季度" }

    /// The quarter's ranking as a table to download.
    static func sheet(year: Int, quarter: Int, ranking: [DepartmentQuarter]) -> Spreadsheet {
        func rate(_ value: Double?) -> SpreadsheetCell { value.map { .number($0) } ?? .empty }
        return Spreadsheet(
            title: "\(year) 年\(quarterName(quarter))各部门问题办理排名", sheetName: "\(year) \(quarterName(quarter))",
            columns: [
                SpreadsheetColumn("排名", width: 6, .integer), SpreadsheetColumn("部门", width: 24), SpreadsheetColumn("得分", width: 8, .decimal(2)),
                SpreadsheetColumn("办结", width: 8, .integer), SpreadsheetColumn("按期办结", width: 10, .integer),
                SpreadsheetColumn("逾期未办结", width: 12, .integer), SpreadsheetColumn("按期办结率", width: 12, .percent),
                SpreadsheetColumn("退回率", width: 10, .percent), SpreadsheetColumn("回访满意率", width: 12, .percent),
            ],
            rows: ranking.map { row in
                [
                    row.rank.map { .number(Double($0)) } ?? .empty, .text(row.name), row.score.map { .number($0) } ?? .empty,
                    .number(Double(row.closed)), .number(Double(row.closedOnTime)), .number(Double(row.overdueOpen)), rate(row.onTimeRate),
                    rate(row.sendBackRate), rate(row.satisfactionRate),
                ]
            })
    }
}
