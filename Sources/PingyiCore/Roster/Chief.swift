/// 股室长: the cadre heading a section — the person merchants rate.
public struct Chief: Hashable, Sendable, Codable {
    /// 工号: the employee number, the chief's key.
    public var employeeNumber: String
    /// 姓名.
    public var name: String
    /// The section the chief heads.
    public var section: Section
    /// 职务 (e.g. 股长, 副股长, 主任).
    public var position: String
    /// Whether the chief is in post (and so on ballots).
    public var active: Bool
    /// 任职日期, if known.
    public var startDate: CivilDate?

    /// Makes a chief.
    public init(employeeNumber: String, name: String, section: Section, position: String, active: Bool = true, startDate: CivilDate? = nil) {
        self.employeeNumber = employeeNumber
        self.name = name
        self.section = section
        self.position = position
        self.active = active
        self.startDate = startDate
    }
}
