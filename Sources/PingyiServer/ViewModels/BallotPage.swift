import PingyiCore

/// The merchant ballot or the supervisor's star-rating form, ready for Mustache.
struct BallotPage: Sendable {
    let pageTitle: String
    let introParagraphs: [String]
    let action: String
    let csrf: String
    let errorSummary: String?
    let departments: [DepartmentView]
    let general: [QuestionView]
    let hasGeneral: Bool
    let isStarRating: Bool
    let signedChecked: Bool
    let targetCount: Int

    /// The form of `invitation`, showing `values` and `problems` when it comes back with errors.
    init(invitation: BallotInvitation, action: String, csrf: String, values: [String: String] = [:], problems: BallotProblems? = nil) {
        let template = invitation.campaign.template
        let errors = problems?.fields ?? [:]
        pageTitle = template.title
        introParagraphs = template.intro
            .components(separatedBy: "\n\n")
            .map { $0.replacingOccurrences(of: "\n", with: "") }
            .filter { !$0.isEmpty }
        self.action = action
        self.csrf = csrf
        errorSummary = problems?.summary
        isStarRating = invitation.campaign.kind == .starRating
        departments = invitation.departments.map { department in
            DepartmentView(
                name: department.name,
                chiefs: department.chiefs.map { chief in
                    ChiefView(
                        name: chief.name, section: chief.section, position: chief.position,
                        questions: template.enabledQuestions.map { question in
                            QuestionView(
                                question, field: BallotField.answer(target: chief.employeeNumber, question: question.id),
                                values: values, errors: errors)
                        })
                },
                questions: invitation.campaign.kind == .starRating
                    ? template.enabledQuestions.map { question in
                        QuestionView(question, field: BallotField.answer(target: department.code, question: question.id), values: values, errors: errors)
                    }
                    : [])
        }
        general = template.enabledGeneral.map { question in
            QuestionView(question, field: BallotField.general(question: question.id), values: values, errors: errors)
        }
        hasGeneral = !general.isEmpty
        signedChecked = values[BallotField.signed] == "1"
        targetCount = invitation.targets.count
    }
}
