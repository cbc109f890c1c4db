/// A file that was refused, with every problem found in it, in file order.
public struct InvalidFile: Error, Sendable, CustomStringConvertible {
    /// The problems, sorted by file and line.
    public var issues: [FileIssue]

    /// Makes a failure from its issues.
    public init(issues: [FileIssue]) {
        self.issues = issues.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// One issue a line, then a count.
    public var description: String {
        (issues.map(\.description) + ["共 \(issues.count) 处错误。"]).joined(separator: "\n")
    }
}
