import Foundation
import PingyiCore
import PingyiXLSX
import Testing
import ZIPFoundation

@testable import PingyiWorkflows

@Suite("XLSX workbooks")
struct XLSXWorkbookTests {
    static let ranking = Spreadsheet(
        title: "2026 年度股室长排名", sheetName: "排名",
        columns: [SpreadsheetColumn("姓名", width: 10), SpreadsheetColumn("得分", width: 8, .decimal(1)), SpreadsheetColumn("备注", width: 30)],
        rows: [[.text("王芳"), .number(95.4), .text("=1+1")], [.text("李强"), .number(88), .empty]])
    static let departments = Spreadsheet(
        title: "部门", sheetName: "部门/股室?", columns: [SpreadsheetColumn("部门代码", width: 10)], rows: [[.text("SCJG")]])

    /// The text of a part of the workbook.
    static func part(_ path: String, of data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path], "no \(path)")
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("two sheets in order, named as given (characters Excel refuses left out)")
    func sheets() throws {
        let data = try XLSXWorkbook.data([Self.ranking, Self.departments])
        let workbook = try Self.part("xl/workbook.xml", of: data)
        let first = try #require(workbook.range(of: "<sheet name=\"排名\""))
        let second = try #require(workbook.range(of: "<sheet name=\"部门股室\""))
        #expect(first.lowerBound < second.lowerBound)
        #expect(try Self.part("xl/worksheets/sheet2.xml", of: data).contains("<c r=\"A3\""))
    }

    @Test("printed A4 landscape, one page wide, title and headers repeated; headers frozen with an autofilter")
    func printSettings() throws {
        let data = try XLSXWorkbook.data(Self.ranking)
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: data)
        #expect(sheet.contains("paperSize=\"9\"") && sheet.contains("orientation=\"landscape\""))
        #expect(sheet.contains("fitToPage=\"1\"") && sheet.contains("fitToHeight=\"0\""))
        #expect(sheet.contains("ySplit=\"2\"") && sheet.contains("state=\"frozen\""))
        #expect(sheet.contains("<autoFilter ref=\"A2:C4\"/>"))
        #expect(try Self.part("xl/workbook.xml", of: data).contains("_xlnm.Print_Titles"))
    }

    @Test("numbers stored as numbers, text as text, a cell starting with = never a formula")
    func cells() throws {
        let data = try XLSXWorkbook.data(Self.ranking)
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: data)
        /// A cell's element, `<c r="B3" …>…</c>`.
        func cell(_ reference: String) throws -> Substring {
            let start = try #require(sheet.range(of: "<c r=\"\(reference)\""))
            let end = try #require(sheet[start.upperBound...].range(of: "</c>"))
            return sheet[start.lowerBound..<end.upperBound]
        }
        // libxlsxwriter writes a double's 17 digits (95.40000000000001); the reader rounds it back.
        let (score, whole, formula) = (try cell("B3"), try cell("B4"), try cell("C3"))
        #expect(score.contains("<v>95.4") && !score.contains("t=\"s\""))
        #expect(whole.hasSuffix("<v>88</v></c>") && !whole.contains("t=\"s\""))
        #expect(formula.contains("t=\"s\"") && !sheet.contains("<f>"))
        #expect(try Self.part("xl/sharedStrings.xml", of: data).contains("=1+1"))
    }

    @Test("read back by the project's own worksheet reader: title, headers and cells as a person reads them")
    func readBack() throws {
        let (document, headerRow, merged) = try WorksheetReader.document(try XLSXWorkbook.data(Self.ranking), file: "排名.xlsx")
        #expect(headerRow == 1 && merged.isEmpty)
        #expect(document.header == ["2026 年度股室长排名"])
        #expect(document.records.map(\.fields) == [["姓名", "得分", "备注"], ["王芳", "95.4", "=1+1"], ["李强", "88"]])
        #expect(document.records.map(\.line) == [2, 3, 4])
    }

    @Test("a workbook without a sheet is refused")
    func empty() {
        #expect(throws: XLSXError.self) { try XLSXWorkbook.data([]) }
    }
}
