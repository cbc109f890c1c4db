/// The password page.
struct ConsolePasswordPage: Sendable {
    let member: ConsoleMemberView
    let csrf: String
    let error: String?
}
