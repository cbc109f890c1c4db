/// A stored scoring run and its results.
public struct ScoringRun: Hashable, Sendable {
    /// The run's id.
    public var id: Int
    /// The year.
    public var year: Int
    /// Its number within the year (第 1 次计分…), what people are shown; 0 for a dry run.
    public var number: Int
    /// Whether this call made it (false: the same inputs had been scored already).
    public var isNew: Bool
    /// Whether it is the year's official run.
    public var official: Bool
    /// What went in, for the record (counts of ballots, answers, ratings, assessments).
    public var inputs: [String: Int]
    /// One result per chief, by rank.
    public var scores: [ChiefScore]
    /// Remarks on the inputs (a campaign still open, a missing campaign), in Chinese.
    public var notes: [String]

    /// Makes a run.
    public init(
        id: Int, year: Int, number: Int = 0, isNew: Bool, official: Bool, inputs: [String: Int], scores: [ChiefScore], notes: [String]
    ) {
        self.id = id
        self.year = year
        self.number = number
        self.isNew = isNew
        self.official = official
        self.inputs = inputs
        self.scores = scores
        self.notes = notes
    }
}

extension ScoringRun {
    /// 「第 2 次计分」, or 「试算」 for a run not stored.
    public var label: String { number > 0 ? "第 \(number) 次计分" : "试算" }

    /// The run with every chief `disclosed`.
    public var disclosed: ScoringRun {
        var shown = self
        shown.scores = scores.map(\.disclosed)
        return shown
    }
}
