/// A chief as shown on a merchant's ballot.
public struct BallotChief: Hashable, Sendable {
    /// 工号, the target id on the form.
    public var employeeNumber: String
    /// 姓名.
    public var name: String
    /// 股室.
    public var section: String
    /// 职务.
    public var position: String

    /// Makes a chief entry.
    public init(employeeNumber: String, name: String, section: String, position: String) {
        self.employeeNumber = employeeNumber
        self.name = name
        self.section = section
        self.position = position
    }
}
