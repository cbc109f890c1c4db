import Foundation
import PingyiCore
import Testing
import ZIPFoundation

@testable import PingyiWorkflows

/// The lists offices upload: `.xlsx` from Excel or WPS, CSV in UTF-8 or GB18030, title rows above
/// the header, and what must be refused in words a clerk understands.
@Suite("Uploaded lists")
struct UploadedTableTests {
    /// A minimal workbook as Excel writes one: shared strings, a sheet, optional merged cells.
    static func workbook(rows: [[String]], merge: String? = nil) throws -> Data {
        var strings: [String] = []
        var sheetRows = ""
        for (index, row) in rows.enumerated() {
            var cells = ""
            for (column, text) in row.enumerated() where !text.isEmpty {
                let reference = String(UnicodeScalar(65 + column)!) + "\(index + 1)"
                if let number = Double(text), !text.hasPrefix("0"), text.count < 15 {
                    cells += #"<c r="\#(reference)"><v>\#(text)</v></c>"#
                    _ = number
                } else {
                    strings.append(text)
                    cells += #"<c r="\#(reference)" t="s"><v>\#(strings.count - 1)</v></c>"#
                }
            }
            sheetRows += #"<row r="\#(index + 1)">\#(cells)</row>"#
        }
        return try package(sheetRows: sheetRows, strings: strings, merge: merge)
    }

    /// A workbook of a sheet's `<row>`s as written, its shared strings and, optionally, its
    /// `styles.xml`.
    static func package(sheetRows: String, strings: [String], merge: String? = nil, styles: String? = nil) throws -> Data {
        let escaped = strings.map { $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        let shared =
            #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + escaped.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        let sheet =
            #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            + sheetRows + "</sheetData>" + (merge.map { #"<mergeCells count="1"><mergeCell ref="\#($0)"/></mergeCells>"# } ?? "") + "</worksheet>"
        let archive = try Archive(accessMode: .create)
        var parts = [("xl/sharedStrings.xml", shared), ("xl/worksheets/sheet1.xml", sheet)]
        if let styles { parts.append(("xl/styles.xml", styles)) }
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static let roster = ImportWorkflow.Kind.roster

    @Test("an .xlsx with a title row above the header reads as the CSV would, rows numbered as the sheet numbers them")
    func workbookWithTitle() throws {
        let data = try Self.workbook(rows: [
            ["2027 年度股室长名册"], [], ["部门代码", "部门名称", "股室", "工号", "姓名", "职务"], ["XZSP", "县行政审批服务局", "综合受理股", "G0101", "王芳", "股长"],
            ["", "", "", "", "", ""], ["SCJG", "县市场监督管理局", "登记注册股", "G0201", "李强", "股长"],
        ])
        let (document, note) = try UploadedTable.document(data, file: "名册.xlsx", columns: Self.roster.columns)
        #expect(note == nil)
        #expect(document.header == ["部门代码", "部门名称", "股室", "工号", "姓名", "职务"])
        #expect(document.records.map(\.line) == [4, 6] && document.records[1].fields[4] == "李强")
        let parse = RosterFormat.parse(document)
        #expect(parse.issues.isEmpty && parse.rows.count == 2)
    }

    @Test("cells as Excel and WPS write them: a blank 备注 left out at the row's end, 95.4 stored as 95.400000000000006, a date cell, a long number")
    func cellsAsWritten() throws {
        // Row 2 stops at its last filled cell (工作亮点): Excel writes no cell for the empty 备注.
        let strings = ["部门代码", "组织领导", "工作宣传", "任务落实", "工作亮点", "备注", "XZSP"]
        let rows =
            #"<row r="1">"# + (0..<6).map { #"<c r="\#(String(UnicodeScalar(65 + $0)!))1" t="s"><v>\#($0)</v></c>"# }.joined() + "</row>"
            + #"<row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2"><v>19.5</v></c><c r="C2"><v>9.4000000000000004</v></c>"#
            + #"<c r="D2"><v>47.799999999999997</v></c><c r="E2"><v>3</v></c><c r="F2" s="0"/></row>"#
        let (document, _) = try UploadedTable.document(
            try Self.package(sheetRows: rows, strings: strings), file: "目标考核.xlsx", columns: AssessmentFormat.columns)
        #expect(document.records.map(\.fields) == [["XZSP", "19.5", "9.4", "47.8", "3", ""]])
        let parse = AssessmentFormat.parse(document)
        #expect(parse.issues.isEmpty, "\(parse.issues)")

        // A date cell (built-in format 14, or a Chinese format of the workbook's own) and a phone
        // number Excel wrote as 1.3800138E+10.
        let styles =
            #"<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>"#
            + #"<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>"#
        let dated =
            #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#
            + #"<row r="2"><c r="A2" s="1"><v>46086</v></c><c r="B2" s="2"><v>46452</v></c><c r="C2"><v>1.3800138E+10</v></c></row>"#
        let (table, _) = try UploadedTable.document(
            try Self.package(sheetRows: dated, strings: ["受理日期", "任职日期", "联系电话"], styles: styles), file: "日期.xlsx", columns: [])
        #expect(table.records.map(\.fields) == [["2026-03-05", "2027-03-06", "13800138000"]])
        #expect(StylesParser.isDate(#"yyyy"年"m"月"d"日""#) && !StylesParser.isDate(#"0.00"d""#) && !StylesParser.isDate("[Red]0.0"))
    }

    @Test("the template of every list, filled in as offered, reads back without a problem in its header")
    func templates() async throws {
        for kind in ImportWorkflow.Kind.allCases {
            let data = try await SpreadsheetExport.xlsx(kind.template)
            let (document, _) = try UploadedTable.document(data, file: "\(kind).xlsx", columns: kind.columns)
            #expect(document.header == kind.columns.map { $0.names[0] }, "\(kind)")
            #expect(document.records.count == 1, "\(kind)")
        }
    }

    @Test("a header with merged cells, an empty file, an old .xls, a PDF, a zip that is no workbook: each refused in words, line 1")
    func refusals() throws {
        let merged = try Self.workbook(
            rows: [["部门代码", "部门名称", "", "工号", "姓名", "职务"], ["XZSP", "县行政审批服务局", "", "G0101", "王芳", "股长"]], merge: "B1:C1")
        let cases: [(Data, String)] = [
            (merged, "表头有合并单元格"), (Data(), "文件是空的"),
            (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 64)), "旧版 Excel"),
            (Data("%PDF-1.7\n".utf8) + Data(count: 100), "不是 CSV 或 Excel"), (Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), "不是有效的 Excel"),
            (Data(count: UploadedTable.limit + 1), "文件过大"),
        ]
        for (data, expected) in cases {
            do {
                _ = try UploadedTable.document(data, file: "f", columns: Self.roster.columns)
                Issue.record("accepted: \(expected)")
            } catch {
                #expect(error.issues.first?.message.contains(expected) == true, "\(error.issues)")
            }
        }
    }

    @Test("CSV in GB18030 (what WPS and Excel write on a Chinese Windows) and with a BOM read the same as UTF-8")
    func encodings() throws {
        let text = "部门代码,部门名称,股室,工号,姓名,职务\nXZSP,县行政审批服务局,综合受理股,G0101,王芳,股长\n"
        // GB18030 bytes of the same text, through the C library's iconv.
        let gb = try #require(Self.iconv(text, to: "GB18030"))
        #expect(String(validating: gb, as: UTF8.self) == nil)
        let (fromGB, note) = try UploadedTable.document(Data(gb), file: "gb.csv", columns: Self.roster.columns)
        #expect(note?.contains("GB18030") == true && fromGB.records[0].fields[4] == "王芳")
        let (fromBOM, none) = try UploadedTable.document(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)), file: "bom.csv", columns: Self.roster.columns)
        #expect(none == nil && fromBOM.header[0] == "部门代码")
    }

    static func iconv(_ text: String, to encoding: String) -> [UInt8]? {
        let converter = iconv_open(encoding, "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8CString.dropLast())
        var output = [CChar](repeating: 0, count: input.count * 2)
        var inLeft = input.count
        var outLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return Glibc.iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard result != -1 else { return nil }
        return output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }
    }

    @Test("every template's example row is accepted by the format it shows")
    func templateExamples() throws {
        for kind in ImportWorkflow.Kind.allCases {
            let csv = [kind.columns.map { $0.names[0] }, kind.example].map { $0.joined(separator: ",") }.joined(separator: "\n")
            let document = try CSVDocument.parse(Data(csv.utf8), file: kind.rawValue)
            let issues: [FileIssue] =
                switch kind {
                case .roster: RosterFormat.parse(document).issues
                case .merchants: MerchantFormat.parse(document).issues
                case .dealings: DealingFormat.parse(document).issues
                case .supervisors: SupervisorFormat.parse(document).issues
                case .assessment: AssessmentFormat.parse(document).issues
                case .problems: ProblemFormat.parse(document).issues
                }
            #expect(issues.isEmpty, "\(kind): \(issues)")
            #expect(document.records.count == 1)
        }
    }
}
