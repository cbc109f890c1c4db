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
}
