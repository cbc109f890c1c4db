import PingyiCore

/// 月调度: the month's table per department and the 约谈提醒, printable on A4.
struct ConsoleLedgerMonthPage: Sendable {
    struct Line: Sendable {
        let department: String
        let assigned: Int
        let closed: Int
        let onTime: Int
        let sentBack: Int
        let overdue: Int
        let replyRate: String
        let satisfaction: String
        let interview: String
        let flagged: Bool
    }

    let member: ConsoleMemberView
    let month: String
    let previous: String
    let next: String
    let lines: [Line]
    let reminders: [String]
    /// Stored: Mustache reads stored properties only.
    let hasReminders: Bool
    let totals: String

    init(member: ConsoleMemberView, month: LedgerMonth, rows: [DepartmentMonth]) {
        self.member = member
        self.month = month.description
        previous =
            (month.month == 1 ? LedgerMonth(year: month.year - 1, month: 12) : LedgerMonth(year: month.year, month: month.month - 1))?
            .description ?? month.description
        next =
            (month.month == 12 ? LedgerMonth(year: month.year + 1, month: 1) : LedgerMonth(year: month.year, month: month.month + 1))?
            .description ?? month.description
        lines = rows.map { row in
            Line(
                department: row.name, assigned: row.assigned, closed: row.closed, onTime: row.closedOnTime, sentBack: row.sentBack,
                overdue: row.overdue, replyRate: row.replyRate.map(Figures.percent) ?? "—",
                satisfaction: row.satisfactionRate.map(Figures.percent) ?? "—", interview: row.interviewReason ?? "",
                flagged: row.interviewReason != nil)
        }
        reminders = rows.compactMap { row in row.interviewReason.map { "\(row.name)：\($0)" } }
        hasReminders = !reminders.isEmpty
        let sum = { (key: KeyPath<DepartmentMonth, Int>) in rows.reduce(0) { $0 + $1[keyPath: key] } }
        totals = "交办 \(sum(\.assigned))　办结 \(sum(\.closed))（按期 \(sum(\.closedOnTime))）　退回 \(sum(\.sentBack))　月末逾期 \(sum(\.overdue))"
    }

    /// The month as a table to download (CSV or .xlsx).
    static func sheet(_ month: LedgerMonth, rows: [DepartmentMonth]) -> Spreadsheet {
        func rate(_ value: Double?) -> SpreadsheetCell { value.map { .number($0) } ?? .empty }
        return Spreadsheet(
            title: "\(month) 问题台账月调度表", sheetName: "\(month) 月调度",
            columns: [
                SpreadsheetColumn("部门", width: 24), SpreadsheetColumn("交办", width: 8, .integer), SpreadsheetColumn("办结", width: 8, .integer),
                SpreadsheetColumn("按期办结", width: 10, .integer), SpreadsheetColumn("退回", width: 8, .integer),
                SpreadsheetColumn("月末逾期", width: 10, .integer), SpreadsheetColumn("反馈率", width: 10, .percent),
                SpreadsheetColumn("回访满意率", width: 12, .percent), SpreadsheetColumn("约谈提醒", width: 50),
            ],
            rows: rows.map { row in
                [
                    .text(row.name), .number(Double(row.assigned)), .number(Double(row.closed)), .number(Double(row.closedOnTime)),
                    .number(Double(row.sentBack)), .number(Double(row.overdue)), rate(row.replyRate), rate(row.satisfactionRate),
                    .text(row.interviewReason ?? ""),
                ]
            })
    }
}
