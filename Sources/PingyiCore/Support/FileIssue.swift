/// One problem found in a file the office supplied (an import CSV, a template, a policy),
/// reported as `FILE:LINE: column: message` (or `FILE:LINE: message`).
public struct FileIssue: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line of the file (a CSV's header is line 1).
    public var line: Int
    /// The column or key the problem is in, if it is in one.
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
