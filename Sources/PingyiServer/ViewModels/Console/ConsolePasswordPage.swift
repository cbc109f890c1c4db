/// The password page.
struct ConsolePasswordPage: Page {
    /// `Templates/console-password.mustache`.
    static let template = "console-password"

    let member: ConsoleMemberView
    let csrf: String
    let error: String?
    /// Whether the form asks for the current password (not at the first sign-in's forced change).
    let asksCurrent: Bool
}
