/// How far a campaign's invitations have got: counts only, never who.
public struct InvitationStatus: Hashable, Sendable, Codable {
    /// One department's line.
    public struct DepartmentLine: Hashable, Sendable, Codable {
        /// The department's code.
        public var code: String
        /// Its name.
        public var name: String
        /// Valid invitations whose form lists it.
        public var issued: Int
        /// Of those, the ones used.
        public var used: Int

        /// Makes a line.
        public init(code: String, name: String, issued: Int, used: Int) {
            self.code = code
            self.name = name
            self.issued = issued
            self.used = used
        }

        /// used / issued, 0 when none were issued.
        public var responseRate: Double { issued == 0 ? 0 : Double(used) / Double(issued) }
    }

    /// Valid (not revoked) invitations.
    public var issued: Int
    /// Used invitations.
    public var used: Int
    /// Revoked invitations.
    public var revoked: Int
    /// Per department.
    public var departments: [DepartmentLine]

    /// Makes a status.
    public init(issued: Int, used: Int, revoked: Int, departments: [DepartmentLine]) {
        self.issued = issued
        self.used = used
        self.revoked = revoked
        self.departments = departments
    }

    /// used / issued, 0 when none were issued.
    public var responseRate: Double { issued == 0 ? 0 : Double(used) / Double(issued) }
}
