import PingyiCore

/// 问题交办单: the A4 sheet the office hands (or sends) a department with an item — the office,
/// the order's number, the department, the matter, the deadline — with boxes for the
/// department's 签收 and 办理结果 and the office's 核查意见, as a county's 交办单 looks.
struct ConsoleAssignmentOrderPage: Page {
    /// `Templates/console-assignment-order.mustache`.
    static let template = "console-assignment-order"

    let number: String
    let department: String
    let channel: String
    let environment: String
    let received: String
    let description: String
    let reporter: String
    let assigned: String
    let due: String
    let workingDays: String
    let back: String

    init(problem: Problem, calendars: WorkingCalendars, rules: LedgerRules, back: String) {
        let year = (problem.assignedOn ?? problem.receivedOn).year
        number = "营商交〔\(year)〕\(problem.id) 号"
        department = problem.departmentName ?? problem.departmentCode ?? ""
        channel = problem.channel.rawValue
        environment = problem.environment.rawValue
        received = Self.chinese(problem.receivedOn)
        description = problem.description
        reporter = problem.reporter == nil ? "匿名（无需答复）" : "有（由营商办答复、回访）"
        // After a 回访不满意 (or a send-back that restarts it) the deadline runs from a later day: say so,
        // so that the sheet adds up.
        let restarted = problem.dueFrom.flatMap { from in problem.assignedOn.map { from != $0 ? from : nil } ?? nil }
        assigned = (problem.assignedOn.map(Self.chinese) ?? "") + (restarted.map { "（\(Self.chinese($0)) 起重新计算期限）" } ?? "")
        due = (problem.dueOn.map(Self.chinese) ?? "") + (problem.dueProvisional ? "（暂按周末计算，待导入次年工作日历后重算）" : "")
        workingDays = "\(rules.dueWorkingDays(for: problem.channel)) 个工作日"
        self.back = back
    }

    /// 「2026 年 11 月 2 日」.
    static func chinese(_ day: CivilDate) -> String { "\(day.year) 年 \(day.month) 月 \(day.day) 日" }
}
