/// One row of an assessment file: a department's or a chief's four dimension scores.
public struct AssessmentRow: Hashable, Sendable {
    /// Whom the scores are for.
    public enum Target: Hashable, Sendable {
        /// A department, by code.
        case department(String)
        /// A chief, by employee number.
        case chief(String)

        /// The key as text, e.g. `部门 SCJG`.
        public var description: String {
            switch self {
            case .department(let code): "部门 \(code)"
            case .chief(let number): "股室长 \(number)"
            }
        }
    }

    /// The department or chief.
    public var target: Target
    /// The scores.
    public var scores: AssessmentScores
    /// 备注, if any.
    public var note: String?

    /// Makes a row.
    public init(target: Target, scores: AssessmentScores, note: String? = nil) {
        self.target = target
        self.scores = scores
        self.note = note
    }
}
