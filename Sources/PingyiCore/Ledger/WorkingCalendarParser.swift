import Yams

/// Reads `calendars/YEAR.yaml`, collecting every problem with its line (like the templates):
///
///     year: 2026
///     holidays:                      # 放假的日子：单日或 起..止
///       - 2026-01-01..2026-01-03
///     workdays:                      # 调休上班的周末
///       - 2026-01-04
///
/// Every day must lie in the year; a range must not run backwards; a 调休上班 day must be a
/// Saturday or Sunday and not also a holiday.
struct WorkingCalendarParser {
    private var reader: YAMLReader

    init(file: String) {
        reader = YAMLReader(file: file)
    }

    var issues: [FileIssue] { reader.issues }

    mutating func parse(_ text: String) -> WorkingCalendar? {
        let (root, syntaxIssues) = YAMLReader.compose(text, file: reader.file)
        guard let root else {
            reader.record(syntaxIssues)
            return nil
        }
        guard let top = reader.mapping(root, at: "", allowed: ["year", "holidays", "workdays"], required: ["year", "holidays", "workdays"]),
            let year = reader.integer(top["year"], at: "year", in: AppraisalYearNumber.range)
        else { return nil }
        var holidays = Set<CivilDate>()
        for (index, item) in (reader.sequence(top["holidays"], at: "holidays") ?? []).enumerated() {
            holidays.formUnion(days(item, at: "holidays[\(index)]", year: year))
        }
        var workdays = Set<CivilDate>()
        for (index, item) in (reader.sequence(top["workdays"], at: "workdays") ?? []).enumerated() {
            let path = "workdays[\(index)]"
            for day in days(item, at: path, year: year) {
                if !day.isWeekend { reader.fail(item, path, "\(day) 不是周末，不必列为调休上班") }
                if holidays.contains(day) { reader.fail(item, path, "\(day) 已列为放假") }
                workdays.insert(day)
            }
        }
        guard reader.issues.isEmpty else { return nil }
        return WorkingCalendar(year: year, holidays: holidays, workdays: workdays)
    }

    /// A day or a range `A..B` of days, all in `year`.
    private mutating func days(_ node: Node?, at path: String, year: Int) -> [CivilDate] {
        guard let text = reader.text(node, at: path, maxLength: 30) else { return [] }
        let parts = text.components(separatedBy: "..").map { $0.trimmingSpaces() }
        guard (1...2).contains(parts.count), let first = CivilDate(parsing: parts[0]), let last = CivilDate(parsing: parts.last!) else {
            reader.fail(node, path, "「\(text)」应为日期 2026-01-01 或范围 2026-01-01..2026-01-03")
            return []
        }
        guard first.year == year, last.year == year else {
            reader.fail(node, path, "「\(text)」不在 \(year) 年内")
            return []
        }
        guard first <= last else {
            reader.fail(node, path, "「\(text)」的起始日晚于结束日")
            return []
        }
        return (0...first.days(until: last)).map { first.adding(days: $0) }
    }
}

extension WorkingCalendar {
    /// Parses a calendar file; every problem is reported with its line.
    public static func parse(_ text: String, file: String) throws(InvalidFile) -> WorkingCalendar {
        var parser = WorkingCalendarParser(file: file)
        guard let calendar = parser.parse(text), parser.issues.isEmpty else { throw InvalidFile(issues: parser.issues) }
        return calendar
    }
}
