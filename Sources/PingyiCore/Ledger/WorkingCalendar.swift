/// One year of China's working calendar, as the State Council's notice on public holidays sets
/// it: the days off (法定节假日 and the days moved into them, 调休放假) and the weekend days that
/// are worked instead (调休上班). Every other weekday is a working day, every other weekend day
/// is not. Made from `calendars/YEAR.yaml` (`WorkingCalendarParser`).
public struct WorkingCalendar: Hashable, Sendable {
    /// The year.
    public let year: Int
    /// Days off that would otherwise be working days, and holidays falling on weekends.
    public let holidays: Set<CivilDate>
    /// Weekend days that are working days (调休上班).
    public let workdays: Set<CivilDate>

    /// Makes a calendar.
    public init(year: Int, holidays: Set<CivilDate>, workdays: Set<CivilDate>) {
        self.year = year
        self.holidays = holidays
        self.workdays = workdays
    }

    /// Whether `day` (of this year) is a working day.
    public func isWorkingDay(_ day: CivilDate) -> Bool {
        if workdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return !day.isWeekend
    }
}
