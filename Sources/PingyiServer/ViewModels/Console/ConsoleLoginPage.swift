/// The sign-in page.
struct ConsoleLoginPage: Sendable {
    let csrf: String
    let login: String
    let error: String?
}
