import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiStore
import PingyiTestSupport
import Testing

/// 工作日历 in the console: a deadline into a year without a calendar is counted with weekends
/// only and says so; the office types the year in (or uploads its file), with the command line's
/// rules; the open deadlines are counted again, each in its problem's history.
@Suite("Working calendars in the console")
struct ConsoleCalendarsTests {
    static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    @Test("a deadline into 2027 waits marked; 2027 typed in (a bad line refused, nothing saved) recounts it; a file uploads the same way")
    func typedAndUploaded() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let store = ProblemStore(pool: fixture.pool, today: { Self.day("2026-12-31") })  // the last days of the year
            let shipped = try String(contentsOf: CountyFixture.repository.appendingPathComponent("calendars/2026.yaml"), encoding: .utf8)
            _ = try await store.importCalendar(shipped, file: "2026.yaml", actor: "test")
            // 交办 on 30 Dec 2026, 5 working days: 31 Dec, then 1, 4, 5, 6 Jan by weekends only.
            let problem = try await store.add(
                channel: .hotline, environment: .government, description: "年底交办", receivedOn: Self.day("2026-12-30"), reporter: nil,
                actor: "test")
            let assigned = try await store.assign(problem.id, department: "SCJG", on: Self.day("2026-12-30"), actor: "test")
            #expect(assigned.dueOn == Self.day("2027-01-06") && assigned.dueProvisional)
            #expect(try await office.get("/console/problems", as: .orgdept).text.contains("2027-01-06（暂按周末计算，待导入 2027 年工作日历）"))

            let page = try await office.get("/console/calendars", as: .admin)
            #expect(page.status == .ok && page.text.contains("工作日历") && page.text.contains("<td>2026</td>"))
            #expect(try await office.get("/console/calendars", as: .hr).status != .ok)
            #expect(try await office.get("/console/calendars", as: .orgdept).status != .ok)

            // A line that is no day, and a weekday listed as a worked weekend: refused, what was typed kept.
            let refused = try await office.post(
                "/console/calendars", [("year", "2027"), ("holidays", "元旦放假\r\n2027-02-10..2027-02-17 春节"), ("workdays", "2027-02-09")],
                as: .admin)
            #expect(
                refused.status == .unprocessableContent && refused.text.contains("「元旦放假」应为日期") && refused.text.contains("2027-02-10..2027-02-17 春节"))
            let weekday = try await office.post("/console/calendars", [("year", "2027"), ("holidays", ""), ("workdays", "2027-02-09")], as: .admin)
            #expect(weekday.status == .unprocessableContent && weekday.text.contains("不是周末"))
            #expect(try fixture.count("SELECT count(*) FROM working_calendars WHERE year = 2027") == 0)

            let saved = try await office.post(
                "/console/calendars",
                [("year", "2027"), ("holidays", "2027-01-01..2027-01-03 元旦\r\n\r\n2027-02-10..2027-02-17 春节"), ("workdays", "")],
                as: .admin)
            #expect(saved.status == .ok && saved.text.contains("已保存 2027 年工作日历") && saved.text.contains("已重算 1 件"), "\(saved.text)")
            // 31 Dec, then 4–7 Jan: New Year's Day is a holiday now.
            let (recounted, history) = try await store.show(problem.id)
            #expect(recounted.dueOn == Self.day("2027-01-07") && !recounted.dueProvisional)
            #expect(history.last?.step == .recount && history.last?.note?.contains("2027-01-06 → 2027-01-07") == true)
            let detail = try await office.get("/console/problems/\(problem.id)", as: .admin).text
            #expect(detail.contains("期限重算") && !detail.contains("暂按周末计算"))
            #expect(detail.contains("&lt;b&gt;admin1&lt;/b&gt;") && !detail.contains("staff:"))  // who recounted it: the person's name, escaped
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action = 'calendar.import' AND actor = 'staff:admin1'") == 1)

            // The same rules for an uploaded file; an empty one is refused.
            let file = "year: 2028\nholidays:\n  - 2028-01-01\nworkdays: []\n"
            #expect(try await Self.upload(office, Data(file.utf8)).status == .ok)
            #expect(try await Self.upload(office, Data()).status == .unprocessableContent)
            #expect(try fixture.count("SELECT count(*) FROM working_calendars") == 3)
        }
    }

    static func upload(_ office: ConsolePagesTests.Office, _ file: Data) async throws -> TestResponse {
        let boundary = "pingyi-calendar"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(office.csrf[.admin]!)\r\n".utf8)
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"2028.yaml\"\r\n\r\n".utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await office.server.post(
            "/console/calendars/upload", bytes: [UInt8](body), cookie: office.cookies[.admin],
            contentType: "multipart/form-data; boundary=\(boundary)")
    }
}
