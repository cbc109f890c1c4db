extension WorkingCalendar {
    /// A calendar the office types into the console — the year, then its days off and its
    /// worked weekend days, one day or range a line (「2027-01-01..2027-01-03 元旦」: what follows
    /// the day is a remark) — as the text of a calendar file, so that it is read by the same
    /// parser and rules as `calendars/YEAR.yaml` and kept as such. A line that is not a day or a
    /// range is refused here, with its list and line, before any YAML is made.
    public static func typedText(year: String, holidays: String, workdays: String) throws(InvalidFile) -> String {
        var issues: [FileIssue] = []
        let yearText = year.trimmingSpaces()
        guard let number = AppraisalYearNumber(validating: Int(yearText))?.value else {
            throw InvalidFile(issues: [FileIssue(file: "工作日历", line: 1, column: "年份", message: "「\(yearText)」不是 2000–2100 之间的年份")])
        }
        func items(_ text: String, _ list: String) -> [String] {
            var out: [String] = []
            for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let line = String(raw).trimmingSpaces()
                guard !line.isEmpty else { continue }
                func refuse(_ message: String) {
                    issues.append(FileIssue(file: "工作日历", line: index + 1, column: list, message: message))
                }
                var (day, rest) = Self.leadingDay(line)
                // A range may also be written 「起 至 止」, 「起～止」, 「起—止」 or 「起 - 止」.
                if let separator = Self.rangeSeparators.first(where: { rest.hasPrefix($0) }) {
                    let (end, after) = Self.leadingDay(String(rest.dropFirst(separator.count)).trimmingSpaces())
                    if !end.isEmpty {
                        day += ".." + end
                        rest = after
                    }
                }
                guard day.count <= 30, Self.looksLikeDays(day) else {
                    refuse("「\(line)」应为日期 \(number)-01-01 或范围 \(number)-01-01..\(number)-01-03")
                    continue
                }
                // What follows the day is a remark; a remark that starts with a number is most likely a
                // second day meant as a range, and saving only the first would lose the rest silently.
                guard !(rest.first?.isNumber ?? false) else {
                    refuse("「\(line)」日期后面还有数字；一段日子请写成 \(number)-05-01..\(number)-05-05 或 \(number)-05-01 至 \(number)-05-05，备注请以文字开头")
                    continue
                }
                out.append(day)
            }
            return out
        }
        let off = items(holidays, "放假日期")
        let worked = items(workdays, "调休上班日期")
        guard issues.isEmpty else { throw InvalidFile(issues: issues) }
        func list(_ days: [String]) -> String { days.isEmpty ? " []\n" : "\n" + days.map { "  - \"\($0)\"\n" }.joined() }
        return "# \(number) 年工作日历：在控制台录入\nyear: \(number)\nholidays:" + list(off) + "workdays:" + list(worked)
    }

    /// The separators a typed range may use besides the file's 「..」.
    static let rangeSeparators = ["至", "到", "～", "~", "—", "–", "－", "-"]

    /// The day (or 「起..止」 range) a typed line starts with — digits and 「-./」 — and the rest of
    /// the line after it, trimmed.
    static func leadingDay(_ line: String) -> (day: String, rest: String) {
        let day = line.prefix { $0.isASCII && ($0.isNumber || "-./".contains($0)) }
        return (String(day), String(line.dropFirst(day.count)).trimmingSpaces())
    }

    /// 「2027-01-01」, 「2027.1.1」, 「2027/1/1」 or two of them joined by 「..」.
    static func looksLikeDays(_ text: String) -> Bool {
        let parts = text.components(separatedBy: "..")
        return parts.count <= 2
            && parts.allSatisfy { part in
                let numbers = part.split(omittingEmptySubsequences: false) { "-./".contains($0) }
                return numbers.count == 3 && numbers.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }
            }
    }
}
