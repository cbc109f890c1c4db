/// A calendar date without a time (e.g. the day a chief took up the post).
public struct CivilDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// Makes a date; `nil` when no such day exists.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1,
            day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `2019-03-01`, `2019/3/1` or `2019.3.1`; `nil` for anything else.
    public init?(parsing text: String) {
        let separators: Set<Character> = ["-", "/", "."]
        let parts = text.trimmingSpaces().split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ part in part.allSatisfy { $0.isASCIIDigit } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let month = month < 10 ? "0\(month)" : "\(month)"
        let day = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(month)-\(day)"
    }

    /// Chronological order.
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Encoded as ISO 8601 text, `"2026-12-28"` — what JSON readers expect of a date.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Reads `"2026-12-28"`, or the `{"year":…,"month":…,"day":…}` object of earlier versions.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
            guard let date = CivilDate(parsing: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: \(text)")
            }
            self = date
            return
        }
        let object = try decoder.container(keyedBy: Field.self)
        guard
            let date = CivilDate(
                year: try object.decode(Int.self, forKey: .year), month: try object.decode(Int.self, forKey: .month),
                day: try object.decode(Int.self, forKey: .day))
        else { throw DecodingError.dataCorruptedError(forKey: .day, in: object, debugDescription: "no such day") }
        self = date
    }

    private enum Field: String, CodingKey {
        case year, month, day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
