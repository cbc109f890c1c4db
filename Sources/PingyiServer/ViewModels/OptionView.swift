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
}
