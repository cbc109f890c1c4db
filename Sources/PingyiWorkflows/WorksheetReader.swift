import Foundation
import PingyiCore
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The first worksheet of an `.xlsx` file (Excel's or WPS's) as rows of text, read with
/// ZIPFoundation (the package) and the system's XML parser: shared and inline strings, numbers
/// as written, empty cells kept in their column. A header row with merged cells is refused — it
/// cannot name one column per cell.
enum WorksheetReader {
    /// The most a part of the workbook may unpack to (a zip of a few KB can claim gigabytes).
    static let partLimit = 64 << 20

    /// The worksheet's rows as a document, named `file`, rows numbered as the sheet numbers them,
    /// the row of its header (its first row with text) and the rows that hold merged cells.
    static func document(_ data: Data, file: String) throws(InvalidFile) -> (CSVDocument, headerRow: Int, mergedRows: Set<Int>) {
        func refuse(_ message: String) -> InvalidFile { InvalidFile(issues: [FileIssue(file: file, line: 1, message: message)]) }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw refuse("不是有效的 Excel（.xlsx）文件：文件可能已损坏，请在 Excel/WPS 中重新保存")
        }
        func part(_ path: String) throws(InvalidFile) -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= UInt64(partLimit) else { throw refuse("Excel 文件过大（解压后超过 64 MB），请只保留一张工作表") }
            var out = Data()
            do {
                _ = try archive.extract(entry) { out.append($0) }
            } catch {
                throw refuse("不是有效的 Excel（.xlsx）文件：文件可能已损坏，请在 Excel/WPS 中重新保存")
            }
            return out
        }
        // The first sheet: sheet1.xml before sheet2.xml and sheet10.xml.
        var sheets: [String] = []
        for entry in archive where entry.path.hasPrefix("xl/worksheets/") && entry.path.hasSuffix(".xml") { sheets.append(entry.path) }
        let sheetPath = sheets.min { ($0.count, $0) < ($1.count, $1) }
        guard let sheetPath, let sheet = try part(sheetPath) else { throw refuse("Excel 文件中没有工作表") }
        let shared = try part("xl/sharedStrings.xml").map(SharedStringsParser.strings) ?? []
        let parsed = SheetParser(shared: shared)
        let parser = XMLParser(data: sheet)
        parser.delegate = parsed
        guard parser.parse() else { throw refuse("Excel 工作表无法读取（\(parser.parserError.map { "\($0)" } ?? "格式错误")），请在 Excel/WPS 中重新保存") }
        let rows = parsed.rows.filter { !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = rows.first else { throw refuse("工作表是空的，缺少表头行") }
        let document = CSVDocument(
            file: file, header: header.cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
            records: rows.dropFirst().map { CSVRecord(line: $0.number, fields: $0.cells) })
        let merged = Set(rows.map(\.number).filter { row in parsed.merges.contains { $0.firstRow <= row && row <= $0.lastRow } })
        return (document, header.number, merged)
    }
}

/// `xl/sharedStrings.xml`: the text of each `<si>`, its runs joined.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inText = false

    static func strings(_ data: Data) -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" { strings.append(current) }
    }
}

/// A worksheet's `<row>`s and `<mergeCell>`s.
final class SheetParser: NSObject, XMLParserDelegate {
    struct Row {
        let number: Int
        var cells: [String]
    }

    struct Merge {
        let reference: String
        let firstRow: Int
        let lastRow: Int
    }

    private let shared: [String]
    private(set) var rows: [Row] = []
    private(set) var merges: [Merge] = []
    private var column = 0
    private var type = ""
    private var value = ""
    private var collecting = false

    init(shared: [String]) {
        self.shared = shared
    }

    /// The 0-based column of a cell reference such as `C7`.
    static func column(_ reference: String) -> Int? {
        var number = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            number = number * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : number - 1
    }

    /// The row of a cell reference such as `C7`.
    static func row(_ reference: String) -> Int? {
        Int(reference.drop { $0.isLetter })
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? ((rows.last?.number ?? 0) + 1)
            rows.append(Row(number: number, cells: []))
            column = 0
        case "c":
            if let reference = attributes["r"], let at = Self.column(reference) { column = at }
            type = attributes["t"] ?? "n"
            value = ""
        case "v", "t":
            collecting = true
        case "mergeCell":
            let reference = attributes["ref"] ?? ""
            let corners = reference.split(separator: ":").map(String.init)
            if let first = corners.first.flatMap(Self.row) {
                merges.append(Merge(reference: reference, firstRow: first, lastRow: corners.last.flatMap(Self.row) ?? first))
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            collecting = false
        case "c":
            guard !rows.isEmpty, column < 16_384 else { return }
            let text =
                switch type {
                case "s": Int(value).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
                case "b": value == "1" ? "是" : "否"
                default: value
                }
            var cells = rows[rows.count - 1].cells
            if cells.count < column { cells += Array(repeating: "", count: column - cells.count) }
            if cells.count == column { cells.append(text) } else { cells[column] = text }
            rows[rows.count - 1].cells = cells
            column += 1
        default:
            break
        }
    }
}
