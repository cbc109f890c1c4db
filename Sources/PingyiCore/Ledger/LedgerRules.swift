/// The policy's rules for the problem ledger (the optional `problems` section of policy.yaml).
public struct LedgerRules: Hashable, Sendable, Codable {
    /// 限时办结: working days from assignment, by channel; `defaultDueDays` for the others.
    public var dueDays: [ProblemChannel: Int]
    public var defaultDueDays: Int
    /// After a send-back: `true` — the clock restarts from the day it was sent back;
    /// `false` — the first deadline stands.
    public var restartOnSendBack: Bool
    /// A department with an item overdue more than this many working days at a month's end is
    /// due a 约谈提醒.
    public var interviewOverdueDays: Int
    /// The quarter's score: weights of the on-time rate, the share not sent back, and callback
    /// satisfaction (renormalised over the parts a department has figures for).
    public var onTimeWeight: Fraction
    public var sendBackWeight: Fraction
    public var satisfactionWeight: Fraction

    public init(
        dueDays: [ProblemChannel: Int], defaultDueDays: Int, restartOnSendBack: Bool, interviewOverdueDays: Int, onTimeWeight: Fraction,
        sendBackWeight: Fraction, satisfactionWeight: Fraction
    ) {
        self.dueDays = dueDays
        self.defaultDueDays = defaultDueDays
        self.restartOnSendBack = restartOnSendBack
        self.interviewOverdueDays = interviewOverdueDays
        self.onTimeWeight = onTimeWeight
        self.sendBackWeight = sendBackWeight
        self.satisfactionWeight = satisfactionWeight
    }

    /// The defaults when a policy has no `problems` section: 12345 in 5 working days, the
    /// complaint line in 7, everything else in 15; the first deadline stands after a send-back;
    /// 约谈提醒 at more than 5 working days overdue; weights 5/10, 2/10, 3/10.
    public static let defaults = LedgerRules(
        dueDays: [.hotline: 5, .complaintLine: 7], defaultDueDays: 15, restartOnSendBack: false, interviewOverdueDays: 5,
        onTimeWeight: Fraction(5, 10)!, sendBackWeight: Fraction(2, 10)!, satisfactionWeight: Fraction(3, 10)!)

    /// The working days a problem of `channel` gets.
    public func dueWorkingDays(for channel: ProblemChannel) -> Int { dueDays[channel] ?? defaultDueDays }
}
