/// The password page.
struct ConsolePasswordPage: Sendable {
    let member: ConsoleMemberView
    let csrf: String
    let error: String?
    /// Whether the form asks for the current password (not at the first sign-in's forced change).
    let asksCurrent: Bool
}
