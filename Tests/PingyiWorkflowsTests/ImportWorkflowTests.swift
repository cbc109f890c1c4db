import Foundation
import PingyiCore
import PingyiTestSupport
import PingyiWorkflows
import PingyiXLSX
import Testing

@Suite("Import workflow")
struct ImportWorkflowTests {
    static let header = "部门代码,部门名称,股室,工号,姓名,职务"

    /// The rows of a table of the test's database.
    static func count(_ table: String, in database: TestDatabase) throws -> Int {
        try database.connect().query("SELECT count(*) FROM \(identifier: table)")[0].decode(at: 0)
    }

    @Test("a roster with a bad row is refused whole, the row named by its line: nothing is stored")
    func refusedWhole() async throws {
        try await TestDatabase.withMigrated { database in
            let path = NSTemporaryDirectory() + "pingyi-roster-\(UUID().uuidString).csv"
            try Data((Self.header + "\nSCJG,县市场监督管理局,登记注册股,G0101,王芳,股长\nSCJG,县市场监督管理局,食品安全监管股,G0102,,股长\n").utf8)
                .write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let pool = database.makePool(maxConnections: 1)
            let refused = await #expect(throws: ImportRefused.self) {
                try await ImportWorkflow.run(.roster, path: path, pool: pool, actor: "test")
            }
            await pool.shutdown()
            #expect(refused?.file.issues.map(\.line) == [3])
            #expect(try Self.count("departments", in: database) == 0)
            #expect(try Self.count("chiefs", in: database) == 0)
        }
    }

    @Test("a roster uploaded as .xlsx, a title row above its header, reads through the worksheet reader and is stored")
    func workbookStored() async throws {
        let roster = Spreadsheet(
            title: "2026 年度股室长名册", sheetName: "名册", columns: Self.header.split(separator: ",").map { SpreadsheetColumn(String($0), width: 12) },
            rows: [
                ["SCJG", "县市场监督管理局", "登记注册股", "G0101", "王芳", "股长"].map(SpreadsheetCell.text),
                ["SWJ", "县税务局", "纳税服务股", "G0301", "钱进", "股长"].map(SpreadsheetCell.text),
            ])
        let (document, note) = try UploadedTable.document(try XLSXWorkbook.data(roster), file: "名册.xlsx", columns: ImportWorkflow.Kind.roster.columns)
        #expect(note == nil && document.records.map(\.line) == [3, 4])
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 1)
            let summary = try await ImportWorkflow.run(.roster, document: document, pool: pool, actor: "test")
            await pool.shutdown()
            #expect(summary.file == "名册.xlsx")
            #expect(try Self.count("departments", in: database) == 2)
            #expect(try Self.count("chiefs", in: database) == 2)
        }
    }
}
