import Mustache

/// A chief on a merchant's ballot, with the questions about them.
struct ChiefView: Sendable {
    let name: String
    let section: String
    let position: String
    let questions: [QuestionView]
}

extension ChiefView: MustacheParent {
    /// The template's keys without `Mirror` (a ballot lists up to 120 chiefs: reflection was most of a page).
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "section": self.section
        case "position": self.position
        case "questions": self.questions
        default: nil
        }
    }
}
