/// One step of the office's year, as the workbench shows it: its state, what it says, and why
/// it cannot go on yet.
public struct YearStep: Hashable, Sendable {
    /// Where a step stands.
    public enum State: String, Hashable, Sendable {
        /// Done (it may still be done again, as an import).
        case done
        /// What the office does next.
        case next
        /// Under way (a campaign is open): done when it ends.
        case running
        /// Waits for an earlier step; `blocked` says which.
        case waiting
    }

    /// The step's name (名册, 企业与办事记录 …).
    public var name: String
    public var state: State
    /// What stands now, in a sentence.
    public var detail: String
    /// Why it cannot go on yet, in plain Chinese (nil when it can).
    public var blocked: String?

    /// Makes a step.
    public init(name: String, state: State, detail: String, blocked: String? = nil) {
        self.name = name
        self.state = state
        self.detail = detail
        self.blocked = blocked
    }

    /// The state as the office reads it.
    public var label: String {
        switch state {
        case .done: "已完成"
        case .next: "下一步"
        case .running: "进行中"
        case .waiting: "未开始"
        }
    }
}
