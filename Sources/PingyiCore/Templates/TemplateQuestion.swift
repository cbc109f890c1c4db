/// One question of a survey template.
public struct TemplateQuestion: Hashable, Sendable, Codable {
    /// The question's identifier, unique in its template.
    public var id: String
    /// How it is answered.
    public var kind: QuestionKind
    /// What the respondent reads.
    public var label: String
    /// An explanation under the label, if any.
    public var help: String?
    /// Whether an answer is required.
    public var required: Bool
    /// Whether the question is asked at all (a county may switch optional items on).
    public var enabled: Bool
    /// Whether this is the overall grade that the merchant score is computed from.
    public var overall: Bool
    /// The options of a grade question.
    public var options: [TemplateOption]
    /// The most stars of a stars question.
    public var maxStars: Int?
    /// The longest answer of a text question, in characters.
    public var maxLength: Int?
    /// Whether a text answer is a problem clue that the office must follow up (star rating).
    public var clue: Bool

    /// Makes a question.
    public init(
        id: String, kind: QuestionKind, label: String, help: String? = nil, required: Bool, enabled: Bool = true,
        overall: Bool = false, options: [TemplateOption] = [], maxStars: Int? = nil, maxLength: Int? = nil,
        clue: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.label = label
        self.help = help
        self.required = required
        self.enabled = enabled
        self.overall = overall
        self.options = options
        self.maxStars = maxStars
        self.maxLength = maxLength
        self.clue = clue
    }

    /// The option with this identifier.
    public func option(_ id: String) -> TemplateOption? {
        options.first { $0.id == id }
    }
}
