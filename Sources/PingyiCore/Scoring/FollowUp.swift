/// The follow-up of a flagged chief of a published year: action, due date, status, outcome.
public struct FollowUp: Hashable, Sendable, Codable {
    /// The record's id.
    public var id: Int
    /// The appraisal year.
    public var year: Int
    /// 工号.
    public var employeeNumber: String
    /// 姓名.
    public var name: String
    /// The department's name.
    public var departmentName: String
    /// 诫勉谈话, 离岗学习 or 组织处理.
    public var action: FollowUpAction
    /// Why this action (the ladder's reason).
    public var reason: String
    /// When it is due.
    public var dueOn: CivilDate
    /// Where it stands.
    public var status: FollowUpStatus
    /// The outcome, once recorded.
    public var outcome: String?
    /// Who recorded it.
    public var recordedBy: String?
    /// The day it was carried out, as recorded with the outcome.
    public var doneOn: CivilDate? = nil

    /// Makes a follow-up.
    public init(
        id: Int, year: Int, employeeNumber: String, name: String, departmentName: String, action: FollowUpAction, reason: String,
        dueOn: CivilDate, status: FollowUpStatus, outcome: String?, recordedBy: String?, doneOn: CivilDate? = nil
    ) {
        self.doneOn = doneOn
        self.id = id
        self.year = year
        self.employeeNumber = employeeNumber
        self.name = name
        self.departmentName = departmentName
        self.action = action
        self.reason = reason
        self.dueOn = dueOn
        self.status = status
        self.outcome = outcome
        self.recordedBy = recordedBy
    }

    /// Pending after its due day, counted in the county's calendar (`CountyCalendar.today()`).
    public func isOverdue(on today: CivilDate) -> Bool { status == .pending && dueOn < today }
}
