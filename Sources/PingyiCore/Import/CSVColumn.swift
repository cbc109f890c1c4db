/// A column an import file may have: its key, the header names it is known by (Chinese and
/// English), and whether the file must have it.
public struct CSVColumn: Hashable, Sendable {
    /// The key the parser uses.
    public let key: String
    /// The accepted header names; the first is the one shown in messages and documentation.
    public let names: [String]
    /// Whether the header must contain it.
    public let required: Bool

    /// Makes a column.
    public init(_ key: String, _ names: [String], required: Bool = true) {
        self.key = key
        self.names = names
        self.required = required
    }

    /// Whether a header cell names this column (English names compared without case).
    func matches(_ header: String) -> Bool {
        names.contains { $0.lowercased() == header.lowercased() }
    }
}
