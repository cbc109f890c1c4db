/// A chief's results in earlier years' official scoring runs.
public struct ChiefHistory: Hashable, Sendable, Codable {
    /// Year → whether the chief was flagged 不满意 that year.
    public var flagged: [Int: Bool]
    /// Year → whether the chief was among the bottom of the ranking that year.
    public var bottom: [Int: Bool]

    /// Makes a history.
    public init(flagged: [Int: Bool] = [:], bottom: [Int: Bool] = [:]) {
        self.flagged = flagged
        self.bottom = bottom
    }
}
