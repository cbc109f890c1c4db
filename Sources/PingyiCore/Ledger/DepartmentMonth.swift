/// One department's problem handling in a month (月调度), every figure counted from the
/// problems' histories.
public struct DepartmentMonth: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    /// Problems assigned to it in the month (交办).
    public var assigned = 0
    /// Verified and closed in the month (销号), and of those on or before their due day.
    public var closed = 0
    public var closedOnTime = 0
    /// Sent back in the month (督查退回).
    public var sentBack = 0
    /// Its problems open at the month's end past their due day, and the most working days any of
    /// them is overdue.
    public var overdue = 0
    public var mostOverdueDays = 0
    /// Those overdue problems, most overdue first.
    public var overdueProblems: [OverdueProblem] = []
    /// Of its problems closed in the month with a reporter, those replied to by the month's end.
    public var closedWithReporter = 0
    public var replied = 0
    /// Callbacks made in the month (回访, 未回访 not counted), and of those 满意 or 基本满意.
    public var callbacks = 0
    public var satisfied = 0
    /// Due a 约谈提醒, and why (in Chinese); `nil` when not.
    public var interviewReason: String?

    /// A problem past its due day while the department holds it, and by how many working days.
    public struct OverdueProblem: Hashable, Sendable, Codable {
        public var id: Int
        public var dueOn: CivilDate
        public var days: Int
    }

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    public var onTimeRate: Double? { closed == 0 ? nil : Double(closedOnTime) / Double(closed) }
    public var replyRate: Double? { closedWithReporter == 0 ? nil : Double(replied) / Double(closedWithReporter) }
    public var satisfactionRate: Double? { callbacks == 0 ? nil : Double(satisfied) / Double(callbacks) }
}
