/// A problem in the office's ledger (问题台账) as it stands now; its history is `ProblemRecord`s.
public struct Problem: Hashable, Sendable, Codable {
    public var id: Int
    public var channel: ProblemChannel
    public var environment: BusinessEnvironment
    public var description: String
    public var receivedOn: CivilDate
    /// Who raised it; `nil` for an anonymous one (an unsigned clue stays anonymous).
    public var reporter: String?
    public var state: ProblemState
    public var departmentCode: String?
    public var departmentName: String?
    public var section: String?
    public var employeeNumber: String?
    public var assignedOn: CivilDate?
    public var dueOn: CivilDate?
    /// The day the deadline was counted from (the 交办, or a 督查退回 that restarts it).
    public var dueFrom: CivilDate?
    /// The deadline crosses a year without a working calendar: counted with weekends only
    /// until that year's calendar is imported (`WorkingCalendars.provisionalNote`).
    public var dueProvisional = false
    public var closedOn: CivilDate?
    public var repliedOn: CivilDate?
    public var callback: CallbackSatisfaction?

    public init(
        id: Int, channel: ProblemChannel, environment: BusinessEnvironment, description: String, receivedOn: CivilDate,
        reporter: String? = nil, state: ProblemState = .received, departmentCode: String? = nil, departmentName: String? = nil,
        section: String? = nil, employeeNumber: String? = nil, assignedOn: CivilDate? = nil, dueOn: CivilDate? = nil,
        closedOn: CivilDate? = nil, repliedOn: CivilDate? = nil, callback: CallbackSatisfaction? = nil, dueFrom: CivilDate? = nil,
        dueProvisional: Bool = false
    ) {
        self.id = id
        self.channel = channel
        self.environment = environment
        self.description = description
        self.receivedOn = receivedOn
        self.reporter = reporter
        self.state = state
        self.departmentCode = departmentCode
        self.departmentName = departmentName
        self.section = section
        self.employeeNumber = employeeNumber
        self.assignedOn = assignedOn
        self.dueOn = dueOn
        self.closedOn = closedOn
        self.repliedOn = repliedOn
        self.callback = callback
        self.dueFrom = dueFrom
        self.dueProvisional = dueProvisional
    }

    /// Past its due day on `day` while the department holds it (办理中 or 待核查).
    public func isOverdue(on day: CivilDate) -> Bool {
        guard let dueOn, state == .assigned || state == .done else { return false }
        return dueOn < day
    }
}
