import Foundation

/// The CSV format of one kind of import file: its columns, how a record becomes a row, and the
/// natural key that must not repeat within a file (re-importing upserts by it).
public protocol ImportFormat {
    /// The row a record becomes.
    associatedtype Row: Sendable
    /// The columns, with their Chinese and English names.
    static var columns: [CSVColumn] { get }
    /// What the natural key is called in messages (e.g. 工号).
    static var keyName: String { get }
    /// Reads a record; `nil` when any field was bad (the reader holds the issues).
    static func read(_ fields: inout FieldReader) -> Row?
    /// The natural key of a row.
    static func key(of row: Row) -> String
    /// Problems that only show across rows (beyond repeated keys). `records` holds a reader for
    /// every record, those with bad fields too, so that a rule about a few columns (a department
    /// code with two names) is reported in the same pass as the rows' other problems.
    static func crossCheck(_ rows: [ParsedRow<Row>], records: [ParsedRow<FieldReader>], file: String) -> [FileIssue]
}

extension ImportFormat {
    /// No cross-row rules by default.
    public static func crossCheck(_ rows: [ParsedRow<Row>], records: [ParsedRow<FieldReader>], file: String) -> [FileIssue] { [] }

    /// Reads a whole file's bytes: every problem of the header, of each record, and each
    /// repeated key, reported together.
    public static func parse(_ data: Data, file: String) -> ImportParse<Row> {
        let document: CSVDocument
        do {
            document = try CSVDocument.parse(data, file: file)
        } catch {
            return ImportParse(file: file, rows: [], issues: error.issues)
        }
        return parse(document)
    }

    /// Reads a parsed document.
    public static func parse(_ document: CSVDocument) -> ImportParse<Row> {
        let table = CSVTable(document: document, columns: columns)
        var issues = table.headerIssues
        guard issues.isEmpty else {
            return ImportParse(file: document.file, rows: [], issues: issues)
        }
        var rows: [ParsedRow<Row>] = []
        var firstLine: [String: Int] = [:]
        var records: [ParsedRow<FieldReader>] = []
        for record in document.records {
            var fields = table.reader(for: record)
            records.append(ParsedRow(line: record.line, value: fields))
            let row = read(&fields)
            issues += fields.issues
            guard let row, fields.issues.isEmpty else { continue }
            let key = key(of: row)
            if let earlier = firstLine[key] {
                issues.append(
                    FileIssue(
                        file: document.file, line: record.line, column: keyName,
                        message: "「\(key)」与第 \(earlier) 行重复"))
                continue
            }
            firstLine[key] = record.line
            rows.append(ParsedRow(line: record.line, value: row))
        }
        issues += crossCheck(rows, records: records, file: document.file)
        // Every problem of the file in one list, by line: the clerk fixes them in one go.
        issues = issues.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return ImportParse(file: document.file, rows: rows, issues: issues)
    }
}
