/// A console page with a heading and a message (no access, not found, refused).
struct ConsoleMessagePage: Sendable {
    let member: ConsoleMemberView
    let heading: String
    let message: String
    let back: String?
}
