/// A department on a form: its chiefs (merchant review) or its own questions (star rating).
/// (Mustache reads stored properties only, so the flags are stored.)
struct DepartmentView: Sendable {
    let name: String
    let chiefs: [ChiefView]
    let questions: [QuestionView]
    let hasQuestions: Bool

    init(name: String, chiefs: [ChiefView], questions: [QuestionView]) {
        self.name = name
        self.chiefs = chiefs
        self.questions = questions
        hasQuestions = !questions.isEmpty
    }
}
