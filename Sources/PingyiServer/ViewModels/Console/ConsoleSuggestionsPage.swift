import PingyiCore

/// 其他意见建议: the year's answers to the questions about no chief or department, shuffled,
/// undated and unattributed, with the form they came from.
struct ConsoleSuggestionsPage: Page {
    /// `Templates/console-suggestions.mustache`.
    static let template = "console-suggestions"

    struct Line: Sendable {
        let source: String
        let text: String
    }

    let member: ConsoleMemberView
    let year: Int
    let years: [ConsoleOption]
    let lines: [Line]
    let hasLines: Bool
    let count: Int

    init(member: ConsoleMemberView, year: Int, years: [Int], suggestions: [(kind: CampaignKind, text: String)]) {
        self.member = member
        self.year = year
        self.years = years.map { ConsoleOption(value: "\($0)", label: "\($0) 年度", selected: $0 == year) }
        lines = suggestions.map { Line(source: $0.kind.label, text: $0.text) }
        hasLines = !lines.isEmpty
        count = lines.count
    }

    /// The same lines as a table to download.
    static func sheet(year: Int, suggestions: [(kind: CampaignKind, text: String)]) -> Spreadsheet {
        Spreadsheet(
            title: "\(year) 年度其他意见建议（共 \(suggestions.count) 条，顺序已打乱，不含日期和评议人）", sheetName: "\(year) 其他意见建议",
            columns: [SpreadsheetColumn("序号", width: 6, .integer), SpreadsheetColumn("来源", width: 14), SpreadsheetColumn("意见建议", width: 80)],
            rows: suggestions.enumerated().map { [.number(Double($0.offset + 1)), .text($0.element.kind.label), .text($0.element.text)] })
    }
}
