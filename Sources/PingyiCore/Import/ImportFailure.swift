/// An import that was refused: every problem found, in file order. Nothing was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    /// The problems, sorted by line.
    public var issues: [ImportIssue]

    /// Makes a failure from its issues.
    public init(issues: [ImportIssue]) {
        self.issues = issues.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// One issue a line, then a count.
    public var description: String {
        (issues.map(\.description) + ["共 \(issues.count) 处错误，未写入任何数据。"]).joined(separator: "\n")
    }
}
