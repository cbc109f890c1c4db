/// One environment variable Pingyi reads: its name, what it sets and its default, as README's
/// configuration table shows it (a test keeps the two the same).
public struct ConfigurationVariable: Sendable, Hashable {
    /// The variable's name.
    public let name: String
    /// What it sets.
    public let meaning: String

    init(_ name: String, _ meaning: String) {
        self.name = name
        self.meaning = meaning
    }
}
