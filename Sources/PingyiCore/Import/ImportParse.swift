/// The outcome of reading an import file: the valid rows and every problem found.
public struct ImportParse<Row: Sendable>: Sendable {
    /// The file as the user named it.
    public let file: String
    /// The rows that were valid on their own.
    public let rows: [ParsedRow<Row>]
    /// Every problem, header and rows.
    public let issues: [FileIssue]

    /// The rows, or an `InvalidFile` with every issue when there is any.
    public func validRows() throws(InvalidFile) -> [ParsedRow<Row>] {
        guard issues.isEmpty else { throw InvalidFile(issues: issues) }
        return rows
    }

    /// Throws an `InvalidFile` with the file's own problems and `more` (found against the
    /// database on the rows that read), in line order, when there is any: one pass reports all.
    public func requireValid(adding more: [FileIssue]) throws(InvalidFile) {
        let all = (issues + more).enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        guard all.isEmpty else { throw InvalidFile(issues: all) }
    }
}
