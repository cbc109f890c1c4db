import Foundation
import PingyiCore

/// The county's calendar: days are counted in China Standard Time, wherever the server runs.
enum CountyCalendar {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai")!

    /// Today in the county.
    static func today(_ now: Date = Date()) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// A moment as people in the county read it: 「2026年12月31日 18:00」 (China Standard Time).
    static func moment(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minute = p.minute! < 10 ? "0\(p.minute!)" : "\(p.minute!)"
        return "\(p.year!)年\(p.month!)月\(p.day!)日 \(p.hour!):\(minute)"
    }
}
