/// A console page with a heading and a message: done (a tick), done with a warning, or refused
/// (no access, not found, not allowed), with a link back that says where it goes.
struct ConsoleMessagePage: Page {
    /// `Templates/console-message.mustache`.
    static let template = "console-message"

    /// How the message reads at a glance.
    enum Tone: Sendable {
        case success, warning, refusal
    }

    let member: ConsoleMemberView
    let heading: String
    let message: String
    let back: String?
    /// Where `back` leads, in words (「返回年度工作台」).
    let backLabel: String
    let success: Bool
    let icon: String

    init(member: ConsoleMemberView, heading: String, message: String, back: String?, tone: Tone = .refusal) {
        self.member = member
        self.heading = heading
        self.message = message
        self.back = back
        backLabel = Self.label(back)
        success = tone == .success
        icon = tone == .success ? "✓" : "!"
    }

    /// The words of a link back to `path`.
    static func label(_ path: String?) -> String {
        guard let path else { return "返回" }
        let places: [(String, String)] = [
            ("/console/years/", "返回年度工作台"), ("/console/years", "返回年度列表"), ("/console/campaigns/", "返回活动"),
            ("/console/problems", "返回问题台账"), ("/console/ranking", "返回排名"), ("/console/personnel", "返回人员名单"),
            ("/console/calendars", "返回工作日历"), ("/console/imports", "返回导入"),
        ]
        if path.contains("/imports") { return "返回导入名单" }
        if path == "/console" { return "返回活动进度" }
        return places.first { path.hasPrefix($0.0) }?.1 ?? "返回"
    }
}
