/// One data row of a CSV file with the line it starts on.
public struct CSVRecord: Hashable, Sendable {
    /// The 1-based line of the file the record starts on.
    public let line: Int
    /// The fields, as written (not trimmed).
    public let fields: [String]
}
