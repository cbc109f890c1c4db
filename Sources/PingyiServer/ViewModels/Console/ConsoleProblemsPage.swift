import Foundation
import PingyiCore
import PingyiStore

/// 问题台账: the ledger, overdue first, each with its days left (or overdue) in working days.
struct ConsoleProblemsPage: Page {
    /// `Templates/console-problems.mustache`.
    static let template = "console-problems"

    struct Line: Sendable {
        let id: Int
        let received: String
        let channel: String
        let environment: String
        let description: String
        let department: String
        let state: String
        let due: String
        let left: String
        let overdue: Bool
        /// Not yet assigned: may be ticked for 批量交办.
        let assignable: Bool
    }

    let member: ConsoleMemberView
    let states: [ConsoleOption]
    let departments: [ConsoleOption]
    let channels: [ConsoleOption]
    /// The departments to assign to (no 「全部」).
    let targets: [ConsoleOption]
    let words: String
    /// The filter as a query string, for the .xlsx of the same list.
    let query: String
    let hasAssignable: Bool
    let today: String
    /// After 批量交办 (`?assigned=N`).
    let notice: String?
    let overdueOnly: Bool
    let counts: String
    let lines: [Line]
    let month: String

    init(
        member: ConsoleMemberView, problems: [Problem], departments: [(code: String, name: String)], filter: ProblemStore.Filter,
        today: CivilDate, calendars: WorkingCalendars, assigned: Int? = nil
    ) {
        notice = assigned.map { "已批量交办 \($0) 件。" }
        let state = filter.state
        let department = filter.department
        let overdueOnly = filter.overdueOn != nil
        self.member = member
        channels =
            [ConsoleOption(value: "", label: "全部渠道", selected: filter.channel == nil)]
            + ProblemChannel.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == filter.channel) }
        targets = departments.map { ConsoleOption(value: $0.code, label: $0.name, selected: false) }
        words = filter.text ?? ""
        var items: [URLQueryItem] = []
        if let state { items.append(URLQueryItem(name: "state", value: state.rawValue)) }
        if let department { items.append(URLQueryItem(name: "department", value: department)) }
        if let channel = filter.channel { items.append(URLQueryItem(name: "channel", value: channel.rawValue)) }
        if let text = filter.text { items.append(URLQueryItem(name: "q", value: text)) }
        if overdueOnly { items.append(URLQueryItem(name: "overdue", value: "1")) }
        var components = URLComponents()
        components.queryItems = items
        query = items.isEmpty ? "" : (components.percentEncodedQuery ?? "")
        hasAssignable = problems.contains { $0.state == .received }
        self.today = today.description
        states =
            [ConsoleOption(value: "", label: "全部状态", selected: state == nil)]
            + ProblemState.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.label, selected: $0 == state) }
        self.departments =
            [ConsoleOption(value: "", label: "全部部门", selected: department == nil)]
            + departments.map { ConsoleOption(value: $0.code, label: $0.name, selected: $0.code == department) }
        self.overdueOnly = overdueOnly
        counts =
            ProblemState.allCases.map { s in "\(s.label) \(problems.filter { $0.state == s }.count)" }.joined(separator: "　")
            + "　已逾期 \(problems.filter { $0.isOverdue(on: today) }.count)"
        month = LedgerMonth(year: today.year, month: today.month)!.description
        lines = problems.map { problem in
            let overdue = problem.isOverdue(on: today)
            let left = Self.left(problem, today: today, calendars: calendars)
            return Line(
                id: problem.id, received: "\(problem.receivedOn)", channel: problem.channel.rawValue, environment: problem.environment.rawValue,
                description: problem.description, department: problem.departmentName ?? "未交办", state: problem.state.label,
                due: calendars.dueText(problem) ?? "", left: left, overdue: overdue, assignable: problem.state == .received)
        }
    }

    /// The list as a table to download.
    static func sheet(_ problems: [Problem], today: CivilDate, calendars: WorkingCalendars) -> Spreadsheet {
        Spreadsheet(
            title: "问题台账（\(today) 导出）", sheetName: "问题台账",
            columns: [
                SpreadsheetColumn("编号", width: 8, .integer), SpreadsheetColumn("受理日期", width: 12), SpreadsheetColumn("渠道", width: 8),
                SpreadsheetColumn("领域", width: 10), SpreadsheetColumn("问题描述", width: 50), SpreadsheetColumn("责任部门", width: 22),
                SpreadsheetColumn("状态", width: 10), SpreadsheetColumn("期限", width: 14), SpreadsheetColumn("剩余或逾期", width: 16),
                SpreadsheetColumn("回访", width: 8),
            ],
            rows: problems.map { problem in
                [
                    .number(Double(problem.id)), .text("\(problem.receivedOn)"), .text(problem.channel.rawValue), .text(problem.environment.rawValue),
                    .text(problem.description), .text(problem.departmentName ?? "未交办"), .text(problem.state.label),
                    .text(calendars.dueText(problem) ?? ""), .text(left(problem, today: today, calendars: calendars)),
                    .text(problem.callback?.rawValue ?? ""),
                ]
            })
    }

    /// While the department holds an item: working days overdue, or left until its due day.
    static func left(_ problem: Problem, today: CivilDate, calendars: WorkingCalendars) -> String {
        guard let due = problem.dueOn, problem.state == .assigned || problem.state == .done else { return "" }
        if problem.isOverdue(on: today) {
            return (try? calendars.workingDays(after: due, through: today, weekendsWhenMissing: true)).map { "逾期 \($0) 个工作日" } ?? "已逾期"
        }
        return (try? calendars.workingDays(after: today, through: due, weekendsWhenMissing: true)).map { "剩 \($0) 个工作日" } ?? ""
    }
}
