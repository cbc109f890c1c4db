import PingyiCore

/// 工作日历: the years whose holidays and 调休 days are in, which year the ledger waits for, and
/// the two ways to add one — typing the State Council's notice in, or uploading a calendar file.
struct ConsoleCalendarsPage: Page {
    /// `Templates/console-calendars.mustache`.
    static let template = "console-calendars"

    /// One imported year.
    struct Year: Sendable {
        let year: Int
        let holidays: Int
        let workdays: Int
    }

    /// A problem of what was entered.
    struct Problem: Sendable {
        let line: String
        let list: String
        let message: String
    }

    let member: ConsoleMemberView
    let csrf: String
    let years: [Year]
    let hasYears: Bool
    /// The year to enter next (the one after the latest), and whether it is still missing.
    let next: Int
    let missingNote: String?
    /// What was entered, kept when it was refused.
    var typedYear: String
    var typedHolidays = ""
    var typedWorkdays = ""
    var problems: [Problem] = []
    var hasProblems = false

    init(member: ConsoleMemberView, csrf: String, calendars: WorkingCalendars, today: CivilDate) {
        self.member = member
        self.csrf = csrf
        years = calendars.knownYears.reversed().compactMap { year in
            calendars.calendar(year: year).map { Year(year: year, holidays: $0.holidays.count, workdays: $0.workdays.count) }
        }
        hasYears = !years.isEmpty
        next = max(today.year, calendars.knownYears.last ?? today.year - 1) + (calendars.knownYears.contains(today.year) ? 1 : 0)
        missingNote =
            calendars.calendar(year: today.year + 1) == nil
            ? "还没有 \(today.year + 1) 年的工作日历：跨入该年的办理期限暂按周末计算，并标注「\(WorkingCalendars.provisionalNote([today.year + 1]))」；导入后自动重算。"
            : nil
        typedYear = "\(next)"
    }
}
