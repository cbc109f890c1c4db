import Foundation
import PingyiCore

#if canImport(Glibc)
import Glibc
#endif

/// A list the office uploads, as a document the import formats read: an `.xlsx` workbook (its
/// first sheet), or a CSV in UTF-8 (with or without a BOM) or in GB18030/GBK (what Excel and WPS
/// write as 「CSV」 on a Chinese Windows). What it is comes from its content, not its name; anything
/// else is refused with what to do, in Chinese.
public enum UploadedTable {
    /// The largest file taken (a county's lists are far smaller).
    public static let limit = 10 << 20

    /// The file's document, its header found among the first rows (`CSVDocument.locatingHeader`:
    /// a title row above the column names is left out), and a note for the office when it was
    /// read in another encoding. A header row with merged cells is refused.
    public static func document(_ data: Data, file: String, columns: [CSVColumn]) throws(InvalidFile) -> (CSVDocument, note: String?) {
        let (document, note, firstRow, merged) = try read(data, file: file)
        var (located, headerLine) = document.locatingHeader(columns)
        let headerRow = headerLine ?? firstRow
        if merged.contains(headerRow) {
            throw InvalidFile(issues: [
                FileIssue(file: file, line: headerRow, message: "表头有合并单元格，请取消合并，每列一个列名（如「部门代码」「部门名称」）")
            ])
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // A worksheet does not write a row's empty cells at the end: 「备注」 left blank.
            let width = located.header.count
            located = CSVDocument(
                file: located.file, header: located.header,
                records: located.records.map {
                    $0.fields.count < width ? CSVRecord(line: $0.line, fields: $0.fields + Array(repeating: "", count: width - $0.fields.count)) : $0
                })
        }
        return (located, note)
    }

    /// The document, a note, its header's row and the rows with merged cells (worksheets only).
    private static func read(_ data: Data, file: String) throws(InvalidFile) -> (CSVDocument, String?, Int, Set<Int>) {
        func refuse(_ message: String) -> InvalidFile { InvalidFile(issues: [FileIssue(file: file, line: 1, message: message)]) }
        guard !data.isEmpty else { throw refuse("文件是空的，请选择填好的名单文件") }
        guard data.count <= limit else { throw refuse("文件过大（超过 10 MB），请只保留需要导入的工作表和列") }
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let (document, headerRow, merged) = try WorksheetReader.document(data, file: file)
            return (document, nil, headerRow, merged)
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw refuse("这是旧版 Excel（.xls）文件：请在 Excel/WPS 中「另存为」Excel 工作簿（.xlsx）或「CSV UTF-8」后再上传")
        }
        if head.starts(with: Array("%PDF".utf8)) || data.prefix(4096).contains(0) {
            throw refuse("不是 CSV 或 Excel（.xlsx）文件：请上传用模板填好的名单")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if String(validating: bytes, as: UTF8.self) != nil { return (try CSVDocument.parse(data, file: file), nil, 1, []) }
        guard let converted = gb18030(bytes) else {
            throw refuse("文件编码无法识别：请在 Excel/WPS 中另存为「CSV UTF-8」或 Excel 工作簿（.xlsx）")
        }
        return (try CSVDocument.parse(Data(converted.utf8), file: file), "文件为 GB18030（GBK）编码，已自动转换后读取", 1, [])
    }

    /// `bytes` read as GB18030 (a superset of GBK and GB2312) by the C library's iconv; `nil`
    /// when they are not.
    static func gb18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let converted: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard converted != -1, inLeft == 0 else { return nil }
        return String(decoding: output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
