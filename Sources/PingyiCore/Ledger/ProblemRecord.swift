/// One step of a problem's history: who did what on which day (never changed).
public struct ProblemRecord: Hashable, Sendable, Codable {
    public var problemID: Int
    public var step: ProblemStep
    public var day: CivilDate
    /// The department the step concerns (the one assigned, for `assign`).
    public var departmentCode: String?
    /// The due day the step set (for `assign` and a restarting `sendBack`).
    public var dueOn: CivilDate?
    public var note: String?
    public var callback: CallbackSatisfaction?
    public var actor: String

    public init(
        problemID: Int, step: ProblemStep, day: CivilDate, departmentCode: String? = nil, dueOn: CivilDate? = nil, note: String? = nil,
        callback: CallbackSatisfaction? = nil, actor: String
    ) {
        self.problemID = problemID
        self.step = step
        self.day = day
        self.departmentCode = departmentCode
        self.dueOn = dueOn
        self.note = note
        self.callback = callback
        self.actor = actor
    }
}
