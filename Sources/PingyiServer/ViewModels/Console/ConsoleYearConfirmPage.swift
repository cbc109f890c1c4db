/// The confirmation before a year is scored officially, published, or its publication withdrawn.
struct ConsoleYearConfirmPage: Page {
    /// `Templates/console-year-confirm.mustache`.
    static let template = "console-year-confirm"

    let member: ConsoleMemberView
    let csrf: String
    let heading: String
    let consequence: String
    let action: String
    let button: String
    /// Withdrawing a publication needs a reason (audited).
    let needsReason: Bool
    let back: String
    /// What the office should know before it confirms (scoring that would rank nobody).
    var warning: String? = nil
}
