import Foundation
import PingyiCore
import PingyiStore

/// One problem and its timeline (every step: who, when, what).
struct ConsoleProblemPage: Page {
    /// `Templates/console-problem.mustache`.
    static let template = "console-problem"

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
    /// The reporter's phone and 工单号, for the office only ("" otherwise).
    let reporterContact: String
    let department: String
    let due: String
    let steps: [Step]
    /// The forms of the steps this member may take now (none for 组织部 and 人事).
    let actions: [ConsoleProblemAction]
    let hasActions: Bool
    let csrf: String
    /// 交办's choice of department, 回访's answers, and today (no step is dated later).
    let departments: [ConsoleOption]
    let results: [ConsoleOption]
    let today: String
    /// Where 「返回」 leads: the ledger, or a department's own list.
    let back: String
    let backLabel: String
    /// The notice after a step was taken (`?done=`).
    let notice: String?
    /// The evidence files (shown to the office and the department, with a link each).
    let evidence: [EvidenceView]
    let hasEvidence: Bool
    let canOpenEvidence: Bool
    /// An assigned item has its 交办单 (for the office and the department).
    let hasOrder: Bool

    struct EvidenceView: Sendable {
        let href: String
        let label: String
    }

    init(
        member: ConsoleMemberView, problem: Problem, history: [ProblemRecord], calendars: WorkingCalendars, role: APIRole = .orgdept,
        csrf: String = "", departments: [(code: String, name: String)] = [], today: CivilDate = CountyCalendar.today(), done: String? = nil,
        evidence: [ProblemStore.EvidenceLine] = [], contact: (phone: String?, externalRef: String?) = (nil, nil), names: [String: String] = [:]
    ) {
        // The office answers the reporter; a department sees whether there is one, not who.
        if role == .department {
            reporterContact = ""
        } else {
            reporterContact = [contact.phone.map { "电话 \($0)" }, contact.externalRef.map { "工单号 \($0)" }].compactMap { $0 }.joined(separator: "　")
        }
        self.evidence = evidence.enumerated().map { index, line in
            EvidenceView(
                href: "/console/problems/\(problem.id)/evidence/\(line.id)",
                label: "\(line.day) \(line.step.label) · 材料 \(index + 1)（\(line.kind.fileExtension.uppercased())，\(Self.size(line.size))）")
        }
        hasEvidence = !evidence.isEmpty
        canOpenEvidence = role == .admin || role == .department
        hasOrder = problem.assignedOn != nil && (role == .admin || role == .department)
        self.member = member
        self.csrf = csrf
        actions = ConsoleProblemAction.actions(for: problem, role: role)
        hasActions = !actions.isEmpty
        self.departments = departments.map { ConsoleOption(value: $0.code, label: $0.name, selected: $0.code == problem.departmentCode) }
        results = CallbackSatisfaction.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.rawValue, selected: false) }
        self.today = today.description
        back = role == .department ? "/console/department" : "/console/problems"
        backLabel = role == .department ? "返回本部门问题" : "返回问题台账"
        notice = done.flatMap(ProblemStep.init(rawValue:)).map { $0 == .receive ? "问题已登记，下一步请交办。" : "已登记「\($0.label)」。" }
        id = problem.id
        state = problem.state.label
        channel = problem.channel.rawValue
        environment = problem.environment.rawValue
        description = problem.description
        reporter =
            problem.reporter == nil
            ? "匿名（无需答复，核查后直接销号）" : role == .department ? "有（由营商办答复、回访）" : problem.reporter!
        department = [problem.departmentName, problem.section].compactMap { $0 }.joined(separator: " ")
        due = calendars.dueText(problem) ?? "—"
        steps = history.map { record in
            let detail = [record.dueOn.map { "期限 \($0)" }, record.callback.map { "回访：\($0.rawValue)" }, record.note].compactMap { $0 }
            return Step(
                day: "\(record.day)", label: record.step.label, actor: ActorLabel.text(record.actor, names: names),
                detail: detail.joined(separator: "；"))
        }
    }

    /// 「1.2 MB」, 「350 KB」.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(max(1, bytes / 1024)) KB"
    }
}
