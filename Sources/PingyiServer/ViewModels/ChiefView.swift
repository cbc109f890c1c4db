/// A chief on a merchant's ballot, with the questions about them.
struct ChiefView: Sendable {
    let name: String
    let section: String
    let position: String
    let questions: [QuestionView]
}
