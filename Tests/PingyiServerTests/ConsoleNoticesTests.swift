import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiStore
import PingyiTestSupport
import Testing
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// 通报: the year's result, a month's 调度 and a quarter's ranking, as a print page and as a Word
/// file filled from the shipped template — names escaped, the 文号 as typed, nothing left unfilled.
@Suite("通报 documents")
struct ConsoleNoticesTests {
    /// The main part of a .docx, checked to be well-formed XML.
    static func documentXML(_ docx: ByteBuffer) throws -> String {
        let archive = try Archive(data: Data(buffer: docx), accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let parser = XMLParser(data: xml)
        #expect(parser.parse(), "document.xml is not well-formed: \(String(describing: parser.parserError))")
        return String(decoding: xml, as: UTF8.self)
    }

    @Test("the annual 通报: every ranked chief, the flagged with their follow-ups, the stars; a hostile name escaped; a bad 文号 refused")
    func annual() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let run = try await ScoringResultsStore(pool: fixture.pool).shownRun(year: 2026)
            let number = "清营商办〔2026〕12号"
            let encoded = number.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let page = try await office.get("/console/notices/annual?year=2026&number=\(encoded)", as: .orgdept)
            #expect(page.status == .ok)
            #expect(page.text.contains("关于2026年度股室长评议结果的通报") && page.text.contains(number))
            #expect(page.text.contains("&lt;script&gt;") && !page.text.contains(ConsolePagesTests.hostileChief))
            #expect(page.text.contains("/console/notices/annual.docx?year=2026&amp;number=\(encoded)"))
            #expect(try await office.get("/console/notices/annual?year=2026", as: .hr).status == .forbidden)
            #expect(try await office.get("/console/notices/annual?year=1999", as: .admin).status == .notFound)

            let docx = try await office.get("/console/notices/annual.docx?year=2026&number=\(encoded)", as: .admin)
            #expect(docx.status == .ok)
            #expect(docx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(docx.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
            let xml = try Self.documentXML(docx.body)
            #expect(!xml.contains("{{"))
            #expect(xml.contains("关于2026年度股室长评议结果的通报") && xml.contains(number))
            #expect(xml.contains("&lt;script&gt;alert(&quot;chief&quot;)&lt;/script&gt;"))
            let ranked = run.scores.filter { $0.rank != nil }
            #expect(!ranked.isEmpty)
            for score in ranked where !score.name.contains("<") {
                #expect(xml.contains(">\(score.name)<"), "\(score.name) is not in the 通报")
            }
            for score in run.scores where score.flagged {
                #expect(xml.contains(score.flags[0].text))
                if let action = score.action { #expect(xml.contains(action.rawValue)) }
            }
            // A row per ranked chief, per flagged chief and per department, each table with its header.
            let rows = xml.components(separatedBy: "<w:tr>").count + xml.components(separatedBy: "<w:tr ").count - 2
            let departments = try await ScoringResultsStore(pool: fixture.pool).departments(year: 2026, run: run, responseRates: false)
                .filter { $0.chiefs > 0 }.count
            #expect(rows == 3 + ranked.count + run.scores.filter(\.flagged).count + departments)

            let long = String(repeating: "号", count: 41)
            let refused = try await office.get(
                "/console/notices/annual?year=2026&number=\(long.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", as: .admin)
            #expect(refused.status == .unprocessableContent && refused.text.contains("文号最多 40 个字"))
            #expect(try await office.get("/console/notices/annual.docx?year=2026&number=%7B%7Btitle%7D%7D", as: .admin).status == .badRequest)
        }
    }

    @Test("the monthly 调度 and the quarterly ranking come as Word files with every department")
    func ledger() async throws {
        try await ConsolePagesTests.withOffice { office in
            let monthly = try await office.get("/console/notices/monthly.docx?month=2026-11&number=", as: .admin)
            #expect(monthly.status == .ok)
            let month = try Self.documentXML(monthly.body)
            #expect(month.contains("关于2026年11月营商环境问题办理情况的通报") && month.contains("约谈提醒") && !month.contains("{{"))
            let quarterly = try await office.get("/console/notices/quarterly.docx?year=2026&quarter=4", as: .orgdept)
            #expect(quarterly.status == .ok)
            let quarter = try Self.documentXML(quarterly.body)
            #expect(quarter.contains("关于2026年第四季度营商环境问题办理情况排名的通报") && !quarter.contains("{{"))
            let names = try office.server.fixture.database.connect().query("SELECT name FROM departments WHERE active ORDER BY code").map {
                try $0.decode("name", as: String.self)
            }
            #expect(!names.isEmpty)
            for name in names {
                let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                #expect(month.contains(escaped) && quarter.contains(escaped), "\(name)")
            }
            #expect(try await office.get("/console/notices/quarterly?year=2026&quarter=5", as: .admin).status == .badRequest)
        }
    }
}
