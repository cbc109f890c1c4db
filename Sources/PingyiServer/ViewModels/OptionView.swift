import Mustache

/// One radio button of a grade or stars question.
struct OptionView: Sendable {
    /// The input's HTML id.
    let id: String
    /// The value sent.
    let value: String
    /// What the respondent sees.
    let label: String
    /// Whether it is chosen (when the form is shown again).
    let checked: Bool
    /// Whether choosing it counts towards the form's progress (CSS counters over `:checked`).
    let counted: Bool
}

extension OptionView: MustacheParent {
    /// The template's keys without `Mirror` (a ballot lists up to 120 chiefs: reflection was most of a page).
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "value": self.value
        case "label": self.label
        case "checked": self.checked
        case "counted": self.counted
        default: nil
        }
    }
}
