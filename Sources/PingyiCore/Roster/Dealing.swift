/// That a merchant dealt with a department in a year: only the chiefs of those departments
/// appear on the merchant's ballot of that year.
public struct Dealing: Hashable, Sendable, Codable {
    /// The merchant.
    public var creditCode: CreditCode
    /// The appraisal year.
    public var year: Int
    /// The department's code.
    public var departmentCode: String

    /// Makes a dealing.
    public init(creditCode: CreditCode, year: Int, departmentCode: String) {
        self.creditCode = creditCode
        self.year = year
        self.departmentCode = departmentCode
    }
}
