import PingyiCore

/// One problem and its timeline (every step: who, when, what).
struct ConsoleProblemPage: Sendable {
    struct Step: Sendable {
        let day: String
        let label: String
        let actor: String
        let detail: String
    }

    let member: ConsoleMemberView
    let id: Int
    let state: String
    let channel: String
    let environment: String
    let description: String
    let reporter: String
    let department: String
    let due: String
    let steps: [Step]

    init(member: ConsoleMemberView, problem: Problem, history: [ProblemRecord], calendars: WorkingCalendars) {
        self.member = member
        id = problem.id
        state = problem.state.label
        channel = problem.channel.rawValue
        environment = problem.environment.rawValue
        description = problem.description
        reporter = problem.reporter ?? "匿名（不反馈）"
        department = [problem.departmentName, problem.section].compactMap { $0 }.joined(separator: " ")
        due = calendars.dueText(problem) ?? "—"
        steps = history.map { record in
            let detail = [record.dueOn.map { "期限 \($0)" }, record.callback.map { "回访：\($0.rawValue)" }, record.note].compactMap { $0 }
            return Step(day: "\(record.day)", label: record.step.label, actor: ActorLabel.text(record.actor), detail: detail.joined(separator: "；"))
        }
    }
}
