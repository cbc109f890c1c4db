import PingyiCore

/// 登记问题: a problem the office took down by hand (a call, a visit, a breakfast meeting);
/// a refused form comes back with what was typed and the reason.
struct ConsoleProblemNewPage: Page {
    /// `Templates/console-problem-new.mustache`.
    static let template = "console-problem-new"

    let member: ConsoleMemberView
    let csrf: String
    let channels: [ConsoleOption]
    let environments: [ConsoleOption]
    let description: String
    let reporter: String
    let phone: String
    let on: String
    let today: String
    let error: String?

    init(member: ConsoleMemberView, csrf: String, fields: [String: String], error: String?, today: CivilDate = CountyCalendar.today()) {
        self.member = member
        self.csrf = csrf
        channels = ProblemChannel.allCases.filter { $0 != .clue }.map {
            ConsoleOption(value: $0.rawValue, label: $0.rawValue, selected: fields["channel"] == $0.rawValue)
        }
        environments = BusinessEnvironment.allCases.map {
            ConsoleOption(value: $0.rawValue, label: $0.rawValue, selected: fields["environment"] == $0.rawValue)
        }
        description = fields["description"] ?? ""
        reporter = fields["reporter"] ?? ""
        phone = fields["phone"] ?? ""
        on = fields["on"] ?? today.description
        self.today = today.description
        self.error = error
    }
}
