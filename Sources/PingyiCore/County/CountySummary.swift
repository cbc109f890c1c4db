/// What the county's roster holds: counts for the office's overview.
public struct CountySummary: Hashable, Sendable, Codable {
    /// One department's line of the overview.
    public struct DepartmentLine: Hashable, Sendable, Codable {
        /// The department's code.
        public var code: String
        /// Its name.
        public var name: String
        /// Its sections.
        public var sections: Int
        /// Its chiefs in post.
        public var chiefs: Int

        /// Makes a line.
        public init(code: String, name: String, sections: Int, chiefs: Int) {
            self.code = code
            self.name = name
            self.sections = sections
            self.chiefs = chiefs
        }
    }

    /// Active departments, by code.
    public var departments: [DepartmentLine]
    /// Merchants.
    public var merchants: Int
    /// Merchant–department dealings per year.
    public var dealingsByYear: [Int: Int]
    /// Active supervisors per category.
    public var supervisorsByCategory: [SupervisorCategory: Int]

    /// Makes a summary.
    public init(departments: [DepartmentLine], merchants: Int, dealingsByYear: [Int: Int], supervisorsByCategory: [SupervisorCategory: Int]) {
        self.departments = departments
        self.merchants = merchants
        self.dealingsByYear = dealingsByYear
        self.supervisorsByCategory = supervisorsByCategory
    }

    /// All sections.
    public var sectionCount: Int { departments.reduce(0) { $0 + $1.sections } }
    /// All chiefs in post.
    public var chiefCount: Int { departments.reduce(0) { $0 + $1.chiefs } }
    /// All supervisors.
    public var supervisorCount: Int { supervisorsByCategory.values.reduce(0, +) }
}
