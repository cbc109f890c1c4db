/// A valid row of an import file with the line it came from.
public struct ParsedRow<Row: Sendable>: Sendable {
    /// The 1-based line.
    public let line: Int
    /// The row's value.
    public let value: Row
}
