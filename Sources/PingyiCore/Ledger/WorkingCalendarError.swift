/// Working-day arithmetic that cannot be done.
public enum WorkingCalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No calendar for the year: import `calendars/YEAR.yaml` first.
    case missingYear(Int)

    public var description: String {
        switch self {
        case .missingYear(let year):
            "没有 \(year) 年的工作日历（法定节假日和调休），无法按工作日计算期限。请营商办在控制台「工作日历」导入 \(year) 年的节假日和调休安排"
        }
    }
}
