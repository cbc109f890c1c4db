/// A follow-up that publishing a year creates for a flagged chief.
public struct PlannedFollowUp: Hashable, Sendable {
    /// 工号.
    public var employeeNumber: String
    /// The measure from the policy's ladder.
    public var action: FollowUpAction
    /// Why: the ladder's reason, then the flags' evidence, joined with 「；」.
    public var reason: String
    /// The day it is due (county days).
    public var dueOn: CivilDate

    /// Makes a planned follow-up.
    public init(employeeNumber: String, action: FollowUpAction, reason: String, dueOn: CivilDate) {
        self.employeeNumber = employeeNumber
        self.action = action
        self.reason = reason
        self.dueOn = dueOn
    }
}
