import PingyiCore

/// 问题台账: the ledger, overdue first, each with its days left (or overdue) in working days.
struct ConsoleProblemsPage: Sendable {
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
    }

    let member: ConsoleMemberView
    let states: [ConsoleOption]
    let departments: [ConsoleOption]
    let overdueOnly: Bool
    let counts: String
    let lines: [Line]
    let month: String

    init(
        member: ConsoleMemberView, problems: [Problem], departments: [(code: String, name: String)], state: ProblemState?, department: String?,
        overdueOnly: Bool, today: CivilDate, calendars: WorkingCalendars
    ) {
        self.member = member
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
                due: calendars.dueText(problem) ?? "", left: left, overdue: overdue)
        }
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
