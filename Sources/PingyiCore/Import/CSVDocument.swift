import CSV
import Foundation

/// A CSV file read for import: UTF-8 (with or without a byte-order mark), a header row, then
/// records, each with the line it starts on (quoted fields may span lines).
public struct CSVDocument: Sendable {
    /// The file as the user named it (used in issues).
    public let file: String
    /// The header's column names, trimmed.
    public let header: [String]
    /// The data records, blank lines left out.
    public let records: [CSVRecord]

    /// Parses a file's bytes. Invalid UTF-8 (reported with its line), an empty file and a
    /// header-less file are refused.
    /// A document made of rows read elsewhere (a worksheet of an `.xlsx` file).
    public init(file: String, header: [String], records: [CSVRecord]) {
        self.file = file
        self.header = header
        self.records = records
    }

    public static func parse(_ data: Data, file: String) throws(InvalidFile) -> CSVDocument {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InvalidFile(
                issues: invalidUTF8Lines(bytes).map {
                    FileIssue(file: file, line: $0, message: "不是有效的 UTF-8 编码（请在 Excel/WPS 中另存为「CSV UTF-8」）")
                })
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw InvalidFile(issues: [FileIssue(file: file, line: 1, message: "文件为空，缺少表头行")])
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw InvalidFile(issues: [FileIssue(file: file, line: 1, message: "无法读取 CSV：\(error)")])
        }
        var line = 1
        var header: [String]?
        var records: [CSVRecord] = []
        while let fields = reader.next() {
            let start = line
            // A record spans one line plus the line breaks inside its quoted fields.
            line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) } }
            if fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            if header == nil {
                header = fields.map { $0.trimmingSpaces() }
            } else {
                records.append(CSVRecord(line: start, fields: fields))
            }
        }
        guard let header else {
            throw InvalidFile(issues: [FileIssue(file: file, line: 1, message: "文件为空，缺少表头行")])
        }
        return CSVDocument(file: file, header: header, records: records)
    }

    /// The lines (1-based) that are not valid UTF-8.
    static func invalidUTF8Lines(_ bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        for (offset, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where String(validating: line, as: UTF8.self) == nil {
            lines.append(offset + 1)
        }
        return lines.isEmpty ? [1] : lines
    }
}
