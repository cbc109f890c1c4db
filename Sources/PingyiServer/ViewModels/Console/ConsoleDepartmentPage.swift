import PingyiCore

/// A department liaison's home (本部门问题): what it must do, by deadline — overdue first, then
/// by days left — and below, what waits on the office or is done.
struct ConsoleDepartmentPage: Page {
    /// `Templates/console-department.mustache`.
    static let template = "console-department"

    struct Line: Sendable {
        let id: Int
        let received: String
        let description: String
        let state: String
        let due: String
        let left: String
        let overdue: Bool
    }

    let member: ConsoleMemberView
    let department: String
    let todo: [Line]
    let others: [Line]
    let hasTodo: Bool
    let hasOthers: Bool
    let summary: String

    init(member: ConsoleMemberView, department: String, problems: [Problem], today: CivilDate, calendars: WorkingCalendars) {
        self.member = member
        self.department = department
        func line(_ problem: Problem) -> Line {
            // Back from the office (退回, or 回访不满意): its deadline runs from a later day than its 交办.
            let redo = problem.state == .assigned && problem.dueFrom != nil && problem.dueFrom != problem.assignedOn
            return Line(
                id: problem.id, received: "\(problem.receivedOn)", description: (redo ? "【重办】" : "") + problem.description,
                state: problem.state.label,
                due: calendars.dueText(problem) ?? "", left: ConsoleProblemsPage.left(problem, today: today, calendars: calendars),
                overdue: problem.isOverdue(on: today))
        }
        func order(_ problem: Problem) -> (Int, String, Int) {
            (problem.isOverdue(on: today) ? 0 : 1, (problem.dueOn ?? today).description, problem.id)
        }
        let mine = problems.filter { $0.state == .assigned }.sorted { order($0) < order($1) }
        todo = mine.map(line)
        others = problems.filter { $0.state != .assigned }.map(line)
        hasTodo = !todo.isEmpty
        hasOthers = !others.isEmpty
        let overdue = mine.count { $0.isOverdue(on: today) }
        summary = mine.isEmpty ? "目前没有待办理的问题。" : "待办理 \(mine.count) 件" + (overdue > 0 ? "，其中已逾期 \(overdue) 件，请优先办理。" : "。")
    }
}
