import Foundation
import PingyiCore
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The first worksheet of an `.xlsx` file (Excel's or WPS's) as rows of text, read with
/// ZIPFoundation (the package) and the system's XML parser: shared and inline strings, numbers
/// as a person reads them (95.4, not the 95.400000000000006 Excel stores; 13800138000, not
/// 1.38E+10), cells formatted as dates as 2027-03-05, empty cells kept in their column and a
/// row's trailing empty cells left out. A header row with merged cells is refused — it cannot
/// name one column per cell.
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
        let styles = try part("xl/styles.xml").map(StylesParser.dateStyles) ?? []
        let parsed = SheetParser(shared: shared, dateStyles: styles)
        let parser = XMLParser(data: sheet)
        parser.delegate = parsed
        guard parser.parse() else { throw refuse("Excel 工作表无法读取（\(parser.parserError.map { "\($0)" } ?? "格式错误")），请在 Excel/WPS 中重新保存") }
        let rows = parsed.rows.filter { !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = rows.first else { throw refuse("工作表是空的，缺少表头行") }
        let document = CSVDocument(
            file: file, header: header.cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
            records: rows.dropFirst().map { CSVRecord(line: $0.number, fields: $0.trimmed) })
        let merged = Set(rows.map(\.number).filter { row in parsed.merges.contains { $0.firstRow <= row && row <= $0.lastRow } })
        return (document, header.number, merged)
    }
}
