/// One candidate on HR's lists, with the figures behind it and a reason sentence.
public struct PersonnelRow: Hashable, Sendable, Codable {
    /// Which list.
    public var list: PersonnelListKind
    /// The chief's result of the year.
    public var score: ChiefScore
    /// Why the chief is on the list, in Chinese.
    public var reason: String
    /// 任职日期 from the roster, when known.
    public var startDate: CivilDate?

    /// Makes a row.
    public init(list: PersonnelListKind, score: ChiefScore, reason: String, startDate: CivilDate? = nil) {
        self.list = list
        self.score = score
        self.reason = reason
        self.startDate = startDate
    }
}
