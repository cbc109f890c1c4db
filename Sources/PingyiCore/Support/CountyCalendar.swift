import Foundation

/// The county's calendar: every day the system records or compares (a ballot's day of use, a
/// clue's report day, a follow-up's due day, overdue, file names) is a China Standard Time day,
/// whatever the server's or the database's time zone. Stores take the moment as `now` so a test
/// can run them at 23:30 UTC.
public enum CountyCalendar {
    public static let timeZone = TimeZone(identifier: "Asia/Shanghai")!

    /// Today in the county.
    public static func today(_ now: Date = Date()) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// A day as documents write it in the 落款: 「2026年12月4日」.
    public static func written(_ day: CivilDate) -> String {
        "\(day.year)年\(day.month)月\(day.day)日"
    }

    /// A moment as people in the county read it: 「2026年12月31日 18:00」 (China Standard Time).
    public static func moment(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minute = p.minute! < 10 ? "0\(p.minute!)" : "\(p.minute!)"
        return "\(p.year!)年\(p.month!)月\(p.day!)日 \(p.hour!):\(minute)"
    }
}

extension CountyCalendar {
    /// The day `days` after `date` (negative: before).
    public static func day(_ days: Int, after date: CivilDate) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))!
        let moved = calendar.date(byAdding: .day, value: days, to: start)!
        return today(moved)
    }

    /// A moment for file names: `20261231-1800` (China Standard Time).
    public static func stamp(_ date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(p.year!)\(two(p.month!))\(two(p.day!))-\(two(p.hour!))\(two(p.minute!))\(two(p.second!))"
    }
}
