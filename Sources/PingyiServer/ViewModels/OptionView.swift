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
