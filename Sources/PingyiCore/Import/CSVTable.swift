/// A `CSVDocument` read against the columns an import expects: resolves the header (reporting
/// missing, unknown and repeated columns) and hands out a `FieldReader` per record.
public struct CSVTable: Sendable {
    /// The document.
    public let document: CSVDocument
    /// The expected columns.
    public let columns: [CSVColumn]
    /// Problems with the header itself.
    public private(set) var headerIssues: [FileIssue] = []
    private var positions: [String: Int] = [:]

    /// Resolves `document`'s header against `columns`.
    public init(document: CSVDocument, columns: [CSVColumn]) {
        self.document = document
        self.columns = columns
        for (position, name) in document.header.enumerated() {
            guard let column = columns.first(where: { $0.matches(name) }) else {
                let known = columns.map { $0.names[0] }.joined(separator: "、")
                headerIssues.append(
                    FileIssue(
                        file: document.file, line: 1, column: name.isEmpty ? "第 \(position + 1) 列" : name,
                        message: "未知的列（可用的列：\(known)）"))
                continue
            }
            if positions[column.key] != nil {
                headerIssues.append(FileIssue(file: document.file, line: 1, column: name, message: "列重复"))
                continue
            }
            positions[column.key] = position
        }
        for column in columns where column.required && positions[column.key] == nil {
            headerIssues.append(FileIssue(file: document.file, line: 1, column: column.names[0], message: "缺少必需的列"))
        }
    }

    /// Whether the file has the column.
    public func has(_ key: String) -> Bool { positions[key] != nil }

    /// A reader of one record's fields.
    public func reader(for record: CSVRecord) -> FieldReader {
        FieldReader(table: self, record: record)
    }

    func position(of key: String) -> Int? { positions[key] }

    func headerName(of key: String) -> String {
        if let position = positions[key] { return document.header[position] }
        return columns.first { $0.key == key }?.names[0] ?? key
    }
}
