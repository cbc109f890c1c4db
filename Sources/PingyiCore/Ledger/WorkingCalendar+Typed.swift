extension WorkingCalendar {
    /// A calendar the office types into the console — the year, then its days off and its
    /// worked weekend days, one day or range a line (「2027-01-01..2027-01-03 元旦」: what follows
    /// the day is a remark) — as the text of a calendar file, so that it is read by the same
    /// parser and rules as `calendars/YEAR.yaml` and kept as such. A line that is not a day or a
    /// range is refused here, with its list and line, before any YAML is made.
    public static func typedText(year: String, holidays: String, workdays: String) throws(InvalidFile) -> String {
        var issues: [FileIssue] = []
        let yearText = year.trimmingSpaces()
        guard let number = Int(yearText), (2000...2100).contains(number) else {
            throw InvalidFile(issues: [FileIssue(file: "工作日历", line: 1, column: "年份", message: "「\(yearText)」不是 2000–2100 之间的年份")])
        }
        func items(_ text: String, _ list: String) -> [String] {
            var out: [String] = []
            for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let line = String(raw).trimmingSpaces()
                guard !line.isEmpty else { continue }
                let day = line.prefix { !$0.isWhitespace && $0 != "#" && $0 != "（" && $0 != "(" }
                let allowed = day.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || "-./".unicodeScalars.contains($0) }
                guard !day.isEmpty, day.count <= 30, allowed else {
                    issues.append(
                        FileIssue(
                            file: "工作日历", line: index + 1, column: list, message: "「\(line)」应为日期 \(number)-01-01 或范围 \(number)-01-01..\(number)-01-03"
                        ))
                    continue
                }
                out.append(String(day))
            }
            return out
        }
        let off = items(holidays, "放假日期")
        let worked = items(workdays, "调休上班日期")
        guard issues.isEmpty else { throw InvalidFile(issues: issues) }
        func list(_ days: [String]) -> String { days.isEmpty ? " []\n" : "\n" + days.map { "  - \"\($0)\"\n" }.joined() }
        return "# \(number) 年工作日历：在控制台录入\nyear: \(number)\nholidays:" + list(off) + "workdays:" + list(worked)
    }
}
