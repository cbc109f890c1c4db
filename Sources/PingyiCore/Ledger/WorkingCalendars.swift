/// The working calendars of the years Pingyi knows: working-day arithmetic for the problem
/// ledger's deadlines (限时办结). A day in a year without a calendar is an explicit error, unless
/// the caller asks for weekends only (`weekendsWhenMissing`): the ledger does, marks such a
/// deadline provisional (`provisionalNote`), and recounts it when the year's calendar comes.
public struct WorkingCalendars: Sendable {
    private let years: [Int: WorkingCalendar]

    /// The calendars, by year.
    public init(_ calendars: [WorkingCalendar]) {
        years = Dictionary(calendars.map { ($0.year, $0) }) { _, last in last }
    }

    /// The years known.
    public var knownYears: [Int] { years.keys.sorted() }

    /// The calendar of `year`, if imported.
    public func calendar(year: Int) -> WorkingCalendar? { years[year] }

    /// Whether `day` is a working day; without its year's calendar,
    /// `WorkingCalendarError.missingYear`, or Monday to Friday when `weekendsWhenMissing`.
    public func isWorkingDay(_ day: CivilDate, weekendsWhenMissing: Bool = false) throws(WorkingCalendarError) -> Bool {
        guard let calendar = years[day.year] else {
            if weekendsWhenMissing { return !day.isWeekend }
            throw .missingYear(day.year)
        }
        return calendar.isWorkingDay(day)
    }

    /// The `count`-th working day after `day` (the day itself not counted): a problem assigned
    /// on `day` with 5 working days is due on the 5th working day after it.
    public func adding(workingDays count: Int, to day: CivilDate, weekendsWhenMissing: Bool = false) throws(WorkingCalendarError) -> CivilDate {
        var current = day
        var left = max(0, count)
        while left > 0 {
            current = current.adding(days: 1)
            if try isWorkingDay(current, weekendsWhenMissing: weekendsWhenMissing) { left -= 1 }
        }
        return current
    }

    /// A deadline counted from `day`: its due day, and the years it crossed without a calendar
    /// (counted with weekends only; empty when the deadline is exact).
    public func deadline(workingDays count: Int, from day: CivilDate) -> (due: CivilDate, provisionalYears: [Int]) {
        // Weekends only never throw.
        let due = (try? adding(workingDays: count, to: day, weekendsWhenMissing: true)) ?? day
        return (due, missingYears(after: day, through: due))
    }

    /// The years without a calendar among the days after `start` up to `end`.
    public func missingYears(after start: CivilDate, through end: CivilDate) -> [Int] {
        guard end > start else { return [] }
        return (start.adding(days: 1).year...end.year).filter { years[$0] == nil }
    }

    /// A problem's due day as the office reads it: 「2027-01-08（暂按周末计算，待导入 2027 年工作日历）」
    /// for a provisional deadline.
    public func dueText(_ problem: Problem) -> String? {
        guard let due = problem.dueOn else { return nil }
        guard problem.dueProvisional, let from = problem.dueFrom ?? problem.assignedOn else { return due.description }
        let missing = missingYears(after: from, through: due)
        return missing.isEmpty ? due.description : "\(due)（\(Self.provisionalNote(missing))）"
    }

    /// What a provisional deadline says beside its day.
    public static func provisionalNote(_ years: [Int]) -> String {
        "暂按周末计算，待导入 " + years.map { "\($0)" }.joined(separator: "、") + " 年工作日历"
    }

    /// Working days after `start` up to and including `end` (0 when `end` is not later): how
    /// many working days a problem is overdue on `end` when it was due on `start`, or how many
    /// are left from `start` (today) to `end` (the due day).
    public func workingDays(
        after start: CivilDate, through end: CivilDate, weekendsWhenMissing: Bool = false
    ) throws(WorkingCalendarError) -> Int {
        guard start < end else { return 0 }
        var count = 0
        var current = start
        while current < end {
            current = current.adding(days: 1)
            if try isWorkingDay(current, weekendsWhenMissing: weekendsWhenMissing) { count += 1 }
        }
        return count
    }
}
