/// The number of an appraisal year, checked: 2000–2100, the years the county's data, calendars,
/// ledger months and API may name. One place for the range; each caller keeps its own words
/// for a refused year (a page, the API, an import file), or throws `AppraisalError.badYear`.
public struct AppraisalYearNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The years accepted.
    public static let range: ClosedRange<Int> = 2000...2100

    /// The year, within `range`.
    public let value: Int

    /// The year; `AppraisalError.badYear` (「年度 1999 不在 2000–2100 之间」) outside the range.
    public init(_ value: Int) throws(AppraisalError) {
        guard Self.range.contains(value) else { throw .badYear(value) }
        self.value = value
    }

    /// The year, or nil when there is none or it is outside the range (for callers that say
    /// so in their own words, e.g. `AppraisalYearNumber(validating: Int(text))`).
    public init?(validating value: Int?) {
        guard let value, Self.range.contains(value) else { return nil }
        self.value = value
    }

    /// The year's digits.
    public var description: String { String(value) }

    /// Earlier years first.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}
