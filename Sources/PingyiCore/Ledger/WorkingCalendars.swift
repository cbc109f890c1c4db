/// The working calendars of the years Pingyi knows: working-day arithmetic for the problem
/// ledger's deadlines (限时办结). A day in a year without a calendar is an explicit error, never a
/// weekend-only guess: a deadline across the Spring Festival or the National Day would be wrong.
public struct WorkingCalendars: Sendable {
    private let years: [Int: WorkingCalendar]

    /// The calendars, by year.
    public init(_ calendars: [WorkingCalendar]) {
        years = Dictionary(calendars.map { ($0.year, $0) }) { _, last in last }
    }

    /// The years known.
    public var knownYears: [Int] { years.keys.sorted() }

    /// Whether `day` is a working day; `WorkingCalendarError.missingYear` without its year.
    public func isWorkingDay(_ day: CivilDate) throws(WorkingCalendarError) -> Bool {
        guard let calendar = years[day.year] else { throw .missingYear(day.year) }
        return calendar.isWorkingDay(day)
    }

    /// The `count`-th working day after `day` (the day itself not counted): a problem assigned
    /// on `day` with 5 working days is due on the 5th working day after it.
    public func adding(workingDays count: Int, to day: CivilDate) throws(WorkingCalendarError) -> CivilDate {
        var current = day
        var left = max(0, count)
        while left > 0 {
            current = current.adding(days: 1)
            if try isWorkingDay(current) { left -= 1 }
        }
        return current
    }

    /// Working days after `start` up to and including `end` (0 when `end` is not later): how
    /// many working days a problem is overdue on `end` when it was due on `start`, or how many
    /// are left from `start` (today) to `end` (the due day).
    public func workingDays(after start: CivilDate, through end: CivilDate) throws(WorkingCalendarError) -> Int {
        guard start < end else { return 0 }
        var count = 0
        var current = start
        while current < end {
            current = current.adding(days: 1)
            if try isWorkingDay(current) { count += 1 }
        }
        return count
    }
}
