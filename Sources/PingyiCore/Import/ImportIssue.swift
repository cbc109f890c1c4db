/// One problem found in an import file, reported as `FILE:LINE: column: message`.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line of the file (the header is line 1).
    public var line: Int
    /// The column's name as it stands in the file's header, if the problem is in one column.
    public var column: String?
    /// What is wrong, in Chinese.
    public var message: String

    /// Makes an issue.
    public init(file: String, line: Int, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE: column: message` (or `FILE:LINE: message`).
    public var description: String {
        if let column { "\(file):\(line): \(column): \(message)" } else { "\(file):\(line): \(message)" }
    }
}
