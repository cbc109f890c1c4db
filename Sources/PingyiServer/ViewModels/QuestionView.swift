import Mustache
import PingyiCore

/// One question of a form, with the answer given so far and its error, if any.
struct QuestionView: Sendable {
    let field: String
    let inputID: String
    /// Where a link to this question goes: its first radio button, or its text box.
    let anchorID: String
    /// The id of the error message under the question (for `aria-describedby`).
    let errorID: String
    let label: String
    let help: String?
    let required: Bool
    let error: String?
    let isGrade: Bool
    let isStars: Bool
    let isText: Bool
    /// Whether its radio buttons count towards 「已评 x / N」 (a required choice question).
    let counted: Bool
    let options: [OptionView]
    let text: String
    let maxLength: Int

    init(_ question: TemplateQuestion, field: String, values: [String: String], errors: [String: String]) {
        self.field = field
        inputID = "f-" + field.replacingOccurrences(of: ".", with: "-")
        errorID = inputID + "-err"
        label = question.label
        help = question.help
        required = question.required
        error = errors[field]
        isGrade = question.kind == .grade
        isStars = question.kind == .stars
        isText = question.kind == .text
        counted = question.required && question.kind != .text
        let chosen = values[field]
        let inputID = self.inputID
        let counted = self.counted
        switch question.kind {
        case .grade:
            options = question.options.map { option in
                OptionView(id: "\(inputID)-\(option.id)", value: option.id, label: option.label, checked: chosen == option.id, counted: counted)
            }
        case .stars:
            options = (1...(question.maxStars ?? 5)).map { stars in
                OptionView(id: "\(inputID)-\(stars)", value: "\(stars)", label: "\(stars)★", checked: chosen == "\(stars)", counted: counted)
            }
        case .text:
            options = []
        }
        anchorID = options.first?.id ?? inputID
        text = question.kind == .text ? (chosen ?? "") : ""
        maxLength = question.maxLength ?? 0
    }
}

extension QuestionView: MustacheParent {
    /// The template's keys without `Mirror` (a ballot lists up to 120 chiefs: reflection was most of a page).
    func child(named name: String) -> Any? {
        switch name {
        case "field": self.field
        case "inputID": self.inputID
        case "anchorID": self.anchorID
        case "errorID": self.errorID
        case "label": self.label
        case "help": self.help
        case "required": self.required
        case "error": self.error
        case "isGrade": self.isGrade
        case "isStars": self.isStars
        case "isText": self.isText
        case "counted": self.counted
        case "options": self.options
        case "text": self.text
        case "maxLength": self.maxLength
        default: nil
        }
    }
}
