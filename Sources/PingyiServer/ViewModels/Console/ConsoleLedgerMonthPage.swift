import PingyiCore

/// 月调度: the month's table per department and the 约谈提醒, printable on A4.
struct ConsoleLedgerMonthPage: Page {
    /// `Templates/console-ledger-month.mustache`.
    static let template = "console-ledger-month"

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

    /// A problem overdue now (or at the month's end), with its department and days.
    struct Overdue: Sendable {
        let id: Int
        let department: String
        let description: String
        let due: String
        let days: Int
    }

    let member: ConsoleMemberView
    let month: String
    /// The 合计 row.
    let total: Line
    let overdueItems: [Overdue]
    let hasOverdue: Bool
    /// 「截至 2026-12-03」 for the month running, 「月末」 for a past one.
    let asOf: String
    let previous: String
    let next: String
    let lines: [Line]
    let reminders: [String]
    /// Stored: Mustache reads stored properties only.
    let hasReminders: Bool
    let totals: String

    init(
        member: ConsoleMemberView, month: LedgerMonth, rows: [DepartmentMonth], problems: [Int: Problem] = [:],
        today: CivilDate = CountyCalendar.today()
    ) {
        self.member = member
        asOf = month.last > today ? "截至 \(today)" : "月末"
        overdueItems = rows.flatMap { row in
            row.overdueProblems.map {
                Overdue(id: $0.id, department: row.name, description: problems[$0.id]?.description ?? "", due: "\($0.dueOn)", days: $0.days)
            }
        }.sorted { ($0.days, $1.id) > ($1.days, $0.id) }
        hasOverdue = !overdueItems.isEmpty
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
        totals = "交办 \(sum(\.assigned))　办结 \(sum(\.closed))（按期 \(sum(\.closedOnTime))）　退回 \(sum(\.sentBack))　\(asOf)逾期 \(sum(\.overdue))"
        let all = Self.totalRow(rows)
        total = Line(
            department: "合计", assigned: all.assigned, closed: all.closed, onTime: all.closedOnTime, sentBack: all.sentBack, overdue: all.overdue,
            replyRate: all.replyRate.map(Figures.percent) ?? "—", satisfaction: all.satisfactionRate.map(Figures.percent) ?? "—",
            interview: "", flagged: false)
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
            rows: (rows + [totalRow(rows)]).map { row in
                [
                    .text(row.name), .number(Double(row.assigned)), .number(Double(row.closed)), .number(Double(row.closedOnTime)),
                    .number(Double(row.sentBack)), .number(Double(row.overdue)), rate(row.replyRate), rate(row.satisfactionRate),
                    .text(row.interviewReason ?? ""),
                ]
            })
    }

    /// Every department's figures summed (合计); its rates are of the sums.
    static func totalRow(_ rows: [DepartmentMonth]) -> DepartmentMonth {
        var total = DepartmentMonth(code: "", name: "合计")
        for row in rows {
            total.assigned += row.assigned
            total.closed += row.closed
            total.closedOnTime += row.closedOnTime
            total.sentBack += row.sentBack
            total.overdue += row.overdue
            total.mostOverdueDays = max(total.mostOverdueDays, row.mostOverdueDays)
            total.closedWithReporter += row.closedWithReporter
            total.replied += row.replied
            total.callbacks += row.callbacks
            total.satisfied += row.satisfied
        }
        return total
    }
}
