extension CivilDate {
    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number (see `dayNumber`).
    init?(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days) ?? self
    }

    /// 1 Monday … 7 Sunday.
    public var weekday: Int {
        let value = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (4)
        return (value < 0 ? value + 7 : value) + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }
}
