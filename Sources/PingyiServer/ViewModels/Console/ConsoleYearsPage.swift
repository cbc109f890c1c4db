/// 年度工作台's first page: every year with where it stands, and the form for a new one.
struct ConsoleYearsPage: Page {
    /// `Templates/console-years.mustache`.
    static let template = "console-years"

    /// One year's line.
    struct Line: Sendable {
        let year: Int
        let title: String
        let standing: String
    }

    let member: ConsoleMemberView
    let csrf: String
    let years: [Line]
    /// The year the form suggests (the latest one's next, or this year).
    let suggested: Int
    /// Whether there is a year to list (stored: the template reads the page by reflection).
    let hasYears: Bool

    init(member: ConsoleMemberView, csrf: String, years: [Line], suggested: Int) {
        self.member = member
        self.csrf = csrf
        self.years = years
        self.suggested = suggested
        hasYears = !years.isEmpty
    }
}
