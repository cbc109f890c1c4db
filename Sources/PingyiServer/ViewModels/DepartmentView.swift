import Mustache

/// A department on a form: its chiefs (merchant review) or its own questions (star rating).
/// (Mustache reads stored properties only, so the flags are stored.)
struct DepartmentView: Sendable {
    /// The section's HTML id (the table of contents links to it).
    let anchorID: String
    let name: String
    let chiefs: [ChiefView]
    let questions: [QuestionView]
    let hasQuestions: Bool

    init(code: String, name: String, chiefs: [ChiefView], questions: [QuestionView]) {
        anchorID = "d-\(code)"
        self.name = name
        self.chiefs = chiefs
        self.questions = questions
        hasQuestions = !questions.isEmpty
    }
}

extension DepartmentView: MustacheParent {
    /// The template's keys without `Mirror` (a ballot lists up to 120 chiefs: reflection was most of a page).
    func child(named name: String) -> Any? {
        switch name {
        case "anchorID": self.anchorID
        case "name": self.name
        case "chiefs": self.chiefs
        case "questions": self.questions
        case "hasQuestions": self.hasQuestions
        default: nil
        }
    }
}
