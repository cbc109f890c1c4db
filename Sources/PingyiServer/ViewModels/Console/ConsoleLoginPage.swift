/// The sign-in page.
struct ConsoleLoginPage: Page {
    /// `Templates/console-login.mustache`.
    static let template = "console-login"

    let csrf: String
    let login: String
    let error: String?
}
