/// One option of a grade question.
public struct TemplateOption: Hashable, Sendable, Codable {
    /// The option's identifier, the value the form sends (e.g. `satisfied`).
    public var id: String
    /// What the respondent sees (e.g. 满意).
    public var label: String
    /// Its points, 0–100; `nil` when the option is excluded from the count (不了解).
    public var points: Double?
    /// Whether choosing it counts as 不满意 (for the unsatisfied share).
    public var unsatisfied: Bool

    /// Makes an option.
    public init(id: String, label: String, points: Double?, unsatisfied: Bool = false) {
        self.id = id
        self.label = label
        self.points = points
        self.unsatisfied = unsatisfied
    }

    /// Whether the option is left out of the count (不了解).
    public var isExcluded: Bool { points == nil }
}
