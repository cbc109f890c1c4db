/// One row of a roster file: a chief with the department and section they belong to.
public struct RosterRow: Hashable, Sendable {
    /// The department (code and name as the file gives them).
    public var department: Department
    /// The chief, with their section.
    public var chief: Chief

    /// Makes a row.
    public init(department: Department, chief: Chief) {
        self.department = department
        self.chief = chief
    }
}
