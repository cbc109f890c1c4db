/// One step of the follow-up ladder.
public struct FollowUpStep: Hashable, Sendable, Codable {
    /// The action of this step.
    public var action: FollowUpAction
    /// Days from publication until it is due.
    public var dueDays: Int
    /// Any of these makes the step apply.
    public var conditions: [FollowUpCondition]

    /// Makes a step.
    public init(action: FollowUpAction, dueDays: Int, conditions: [FollowUpCondition]) {
        self.action = action
        self.dueDays = dueDays
        self.conditions = conditions
    }
}
