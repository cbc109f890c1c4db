/// What the merchant review says of one chief: the count of each option of the overall grade,
/// as the SQL aggregation returns it.
public struct ChiefTally: Hashable, Sendable, Codable {
    /// 工号.
    public var employeeNumber: String
    /// 姓名.
    public var name: String
    /// The department's code.
    public var departmentCode: String
    /// The department's name.
    public var departmentName: String
    /// 股室.
    public var section: String
    /// 职务.
    public var position: String
    /// Option id → number of ballots that chose it.
    public var counts: [String: Int]

    /// Makes a tally.
    public init(
        employeeNumber: String, name: String, departmentCode: String, departmentName: String, section: String, position: String, counts: [String: Int]
    ) {
        self.employeeNumber = employeeNumber
        self.name = name
        self.departmentCode = departmentCode
        self.departmentName = departmentName
        self.section = section
        self.position = position
        self.counts = counts
    }
}
