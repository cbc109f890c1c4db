import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiStore
import PingyiTestSupport
import PingyiWorkflows
import Testing

@testable import PingyiServer

/// 导入名单 over HTTP: upload, preview (nothing written), 确认导入 (all written, audited under the
/// staff member's name), a second confirmation answering the same; a bad file's every problem
/// by row and column, nothing written.
@Suite("Imports in the console")
struct ConsoleImportsTests {
    static let boundary = "pingyi-import-boundary"

    static func body(csrf: String, kind: String, file: Data) -> [UInt8] {
        var out = Data()
        func text(_ name: String, _ value: String) {
            out.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        text("csrf", csrf)
        text("kind", kind)
        out.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8))
        out.append(file)
        out.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return [UInt8](out)
    }

    static func upload(_ office: ConsolePagesTests.Office, year: Int = 2027, kind: String, file: Data) async throws -> TestResponse {
        try await office.server.post(
            "/console/years/\(year)/imports", bytes: body(csrf: office.csrf[.admin]!, kind: kind, file: file), cookie: office.cookies[.admin],
            contentType: "multipart/form-data; boundary=\(boundary)")
    }

    @Test("a roster in .xlsx: preview writes nothing, 确认导入 writes all and is audited, a second confirmation shows the same result")
    func rosterFromWorkbook() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let page = try await office.get("/console/years/2027/imports", as: .admin)
            #expect(page.status == .ok && page.text.contains("下载模板（.xlsx）") && page.text.contains(#"enctype="multipart/form-data""#))
            #expect(page.text.contains("选填列留空的，保留已存的内容") && page.text.contains("名册不分年度"))
            let template = try await office.get("/console/imports/templates/roster.xlsx", as: .admin)
            #expect(template.status == .ok && Array(template.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            var sheet = ImportWorkflow.Kind.roster.template
            sheet.rows = [
                ["DAJ", "县档案局", "档案管理股", "W0001", "周文", "股长", "", "是"].map { .text($0) },
                ["DAJ", "县档案局", "利用服务股", "W0002", "吴敏", "副股长", "", "是"].map { .text($0) },
            ]
            let chiefs = try fixture.count("SELECT count(*) FROM chiefs")
            let preview = try await Self.upload(office, kind: "roster", file: try await SpreadsheetExport.xlsx(sheet))
            #expect(preview.status == .ok && preview.text.contains("导入预览") && preview.text.contains("确认导入"))
            #expect(try fixture.count("SELECT count(*) FROM chiefs") == chiefs)  // a preview writes nothing
            let confirm = try #require(
                preview.text.components(separatedBy: #"action=""#).dropFirst().first { $0.hasPrefix("/console/imports/") }?
                    .prefix { $0 != "\"" })
            let imported = try await office.post(String(confirm), [], as: .admin)
            #expect(imported.status == .ok && imported.text.contains("已导入"))
            #expect(try fixture.count("SELECT count(*) FROM chiefs") == chiefs + 2)
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE actor = 'staff:admin1' AND action LIKE 'import%'") >= 1)
            let again = try await office.post(String(confirm), [], as: .admin)
            let chiefsAfter = try fixture.count("SELECT count(*) FROM chiefs")
            #expect(again.status == .ok && again.text.contains("已导入") && chiefsAfter == chiefs + 2)
            // Another staff member cannot confirm somebody else's upload.
            #expect(try await office.post(String(confirm), [], as: .orgdept).status != .ok)
        }
    }

    @Test("a file with bad rows: every problem by row and column, nothing written; a wrong type and an empty file: a message")
    func refusals() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let csv = "统一社会信用代码,企业名称\n914403001922038216,华为技术有限公司\n91440300192203821X,坏代码企业\n,没有代码\n"
            let merchants = try fixture.count("SELECT count(*) FROM merchants")
            let refused = try await Self.upload(office, kind: "merchants", file: Data(csv.utf8))
            #expect(refused.status == .unprocessableContent && refused.text.contains("无法导入") && refused.text.contains(#"id="problems""#))
            #expect(refused.text.contains("<td>3</td>") && refused.text.contains("<td>4</td>"))
            #expect(try fixture.count("SELECT count(*) FROM merchants") == merchants)
            #expect(try fixture.count("SELECT count(*) FROM pending_imports") == 0)
            let pdf = try await Self.upload(office, kind: "merchants", file: Data("%PDF-1.7".utf8) + Data(count: 64))
            #expect(pdf.status == .unprocessableContent && pdf.text.contains("不是 CSV 或 Excel"))
            let empty = try await Self.upload(office, kind: "merchants", file: Data())
            #expect(empty.status == .unprocessableContent && empty.text.contains("文件是空的"))
            #expect(try await Self.upload(office, kind: "nothing", file: Data(csv.utf8)).status == .badRequest)
            #expect(try await office.get("/console/imports/templates/nothing.xlsx", as: .admin).status == .badRequest)
            #expect(try await office.get("/console/years/2027/imports", as: .hr).status != .ok)
            // Only a header: nothing to confirm.
            let headerOnly = try await Self.upload(office, kind: "merchants", file: Data("统一社会信用代码,企业名称\n".utf8))
            #expect(headerOnly.status == .unprocessableContent && headerOnly.text.contains("只有表头") && !headerOnly.text.contains("确认导入"))
            #expect(try fixture.count("SELECT count(*) FROM pending_imports") == 0)
        }
    }

    @Test("dealings on the 2027 page that are for 2026 are flagged before 确认导入; a code typed in small letters is the department's")
    func dealingsOfOtherYears() async throws {
        try await ConsolePagesTests.withOffice { office in
            let connection = try office.server.fixture.database.connect()
            let merchant: String = try connection.query("SELECT credit_code FROM merchants ORDER BY credit_code LIMIT 1")[0].decode("credit_code")
            let department: String = try connection.query("SELECT code FROM departments WHERE active ORDER BY code LIMIT 1")[0].decode("code")
            let csv = "统一社会信用代码,年度,部门代码\n\(merchant),2027,\(department.lowercased())\n\(merchant),2026,\(department)\n"
            let preview = try await Self.upload(office, kind: "dealings", file: Data(csv.utf8))
            #expect(preview.status == .ok && preview.text.contains("注意：文件中有不是 2027 年度的办事记录（2026 年 1 行）"), "\(preview.text)")
            #expect(preview.text.contains("确认导入"))
            let sameYear = try await Self.upload(office, kind: "dealings", file: Data("统一社会信用代码,年度,部门代码\n\(merchant),2027,\(department)\n".utf8))
            #expect(sameYear.status == .ok && !sameYear.text.contains("不是 2027 年度"))
        }
    }
}
