import PingyiCore

/// The merchant ballot or the supervisor's star-rating form, ready for Mustache.
struct BallotPage: Page {
    /// `Templates/ballot.mustache`.
    static let template = "ballot"

    let pageTitle: String
    let introParagraphs: [String]
    let action: String
    let csrf: String
    /// 「请于 2026年12月31日 18:00 前提交」, when the campaign has a planned closing time.
    let closesText: String?
    /// The error summary's heading, when the form came back with problems.
    let errorSummary: String?
    /// One link per problem, in the order of the form.
    let errorLinks: [ErrorLink]
    /// Jump links to the departments (only when there are several).
    let contents: [ContentsEntry]
    let hasContents: Bool
    let departments: [DepartmentView]
    let general: [QuestionView]
    let hasGeneral: Bool
    let isStarRating: Bool
    let signedChecked: Bool
    let targetCount: Int
    /// How many required choices the form has: the N of 「已评 x / N」.
    let progressTotal: Int
    /// What is counted: 位 (chiefs) or 项 (star ratings).
    let progressUnit: String

    /// The form of `invitation`, showing `values` and `problems` when it comes back with errors.
    init(invitation: BallotInvitation, action: String, csrf: String, values: [String: String] = [:], problems: BallotProblems? = nil) {
        let template = invitation.campaign.template
        let errors = problems?.fields ?? [:]
        let starRating = invitation.campaign.kind == .starRating
        pageTitle = template.title
        introParagraphs = template.intro
            .components(separatedBy: "\n\n")
            .map { $0.replacingOccurrences(of: "\n", with: "") }
            .filter { !$0.isEmpty }
        self.action = action
        self.csrf = csrf
        closesText = invitation.campaign.closesAt.map { "请于 \(CountyCalendar.moment($0)) 前提交" }
        isStarRating = starRating
        var links: [ErrorLink] = []
        func noteErrors(_ questions: [QuestionView], about who: String) {
            for question in questions {
                if let error = question.error { links.append(ErrorLink(href: "#\(question.anchorID)", text: "\(who)：\(error)")) }
            }
        }
        departments = invitation.departments.map { department in
            let chiefs = department.chiefs.map { chief in
                ChiefView(
                    name: chief.name, section: chief.section, position: chief.position,
                    questions: template.enabledQuestions.map { question in
                        QuestionView(
                            question, field: BallotField.answer(target: chief.employeeNumber, question: question.id), values: values, errors: errors)
                    })
            }
            let questions =
                starRating
                ? template.enabledQuestions.map { question in
                    QuestionView(question, field: BallotField.answer(target: department.code, question: question.id), values: values, errors: errors)
                }
                : []
            for chief in chiefs { noteErrors(chief.questions, about: "\(chief.name)（\(department.name)·\(chief.section)）") }
            noteErrors(questions, about: department.name)
            return DepartmentView(code: department.code, name: department.name, chiefs: chiefs, questions: questions)
        }
        general = template.enabledGeneral.map { question in
            QuestionView(question, field: BallotField.general(question: question.id), values: values, errors: errors)
        }
        noteErrors(general, about: "其他意见建议")
        errorLinks = links
        errorSummary = problems.map { _ in "有 \(links.count) 处需要修改：" }
        contents =
            invitation.departments.count > 1
            ? invitation.departments.map { department in
                ContentsEntry(href: "#d-\(department.code)", name: department.name, chiefCount: starRating ? nil : department.chiefs.count)
            }
            : []
        hasContents = !contents.isEmpty
        hasGeneral = !general.isEmpty
        signedChecked = values[BallotField.signed] == "1"
        targetCount = invitation.targets.count
        let countedPerTarget = template.enabledQuestions.filter { $0.required && $0.kind != .text }.count
        progressTotal = invitation.targets.count * countedPerTarget
        progressUnit = !starRating && countedPerTarget == 1 ? "位" : "项"
    }
}
