/// One data row of a CSV file with the line it starts on.
public struct CSVRecord: Hashable, Sendable {
    /// The 1-based line of the file the record starts on.
    public let line: Int
    /// The fields, as written (not trimmed).
    public let fields: [String]

    /// A record of `fields` at `line` (the file's line, or the worksheet's row).
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
