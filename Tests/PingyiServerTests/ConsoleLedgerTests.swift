import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@testable import PingyiServer

/// The ledger worked in the console: the office registers, assigns, verifies, answers, calls
/// back and closes; SCJG's liaison sees its own items and reports them done; SWJ's liaison sees
/// none of them (404 like an id that does not exist); every refused step changes nothing.
@Suite("Problem ledger in the console")
struct ConsoleLedgerTests {
    static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    @Test("登记 → 交办 → 办结 by the department → 核查 → 答复 → 回访不满意 (back) → 办结 → 核查 → 答复 → 回访 → 销号; another department sees nothing")
    func wholeFlow() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let calendar = try String(contentsOf: CountyFixture.repository.appendingPathComponent("calendars/2026.yaml"), encoding: .utf8)
            _ = try await ProblemStore(pool: fixture.pool).importCalendar(calendar, file: "2026.yaml", actor: "test")
            try await ConsoleTests.account(office.server, "swj1", .department, password: "password-swj1", mustChange: false, department: "SWJ")
            let (other, _) = try await ConsoleTests.signIn(office.server, login: "swj1", password: "password-swj1")
            let otherCookie = try #require(other)
            let otherCSRF = try await office.server.csrf(path: "/console/department", cookie: otherCookie)
            func count(_ sql: String) throws -> Int { try fixture.count(Query(stringLiteral: sql)) }

            // 登记 by hand: a bad field keeps what was typed; a day after today is refused; then saved.
            let form = try await office.get("/console/problems/new", as: .admin)
            #expect(form.status == .ok && form.text.contains("登记问题"))
            let empty = try await office.post(
                "/console/problems/new", [("channel", "12345"), ("environment", "政务环境"), ("description", " "), ("on", "2026-11-02")], as: .admin)
            #expect(empty.status == .unprocessableContent && empty.text.contains("问题描述不能为空"))
            let later = try await office.post(
                "/console/problems/new", [("channel", "12345"), ("environment", "政务环境"), ("description", "办证慢"), ("on", "2099-01-01")],
                as: .admin)
            #expect(later.status == .unprocessableContent && later.text.contains("晚于今天") && later.text.contains("办证慢"))
            #expect(try count("SELECT count(*) FROM problems") == 0)
            let made = try await office.post(
                "/console/problems/new",
                [
                    ("channel", "12345"), ("environment", "政务环境"), ("description", "办理营业执照变更需往返三次"), ("reporter", "张三"),
                    ("phone", "13800000000"), ("on", "2026-11-02"),
                ],
                as: .admin)
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let id = try #require(Int(location.split(separator: "/").last!.split(separator: "?").first!))
            let path = "/console/problems/\(id)"
            func step(_ fields: [(String, String)], as role: APIRole = .admin) async throws -> TestResponse {
                try await office.post("\(path)/steps", fields, as: role)
            }
            func page(_ role: APIRole = .admin) async throws -> String { try await office.get(path, as: role).text }

            // Only the steps that follow appear; a liaison sees none before the item is its own.
            var shown = try await page()
            #expect(shown.contains(#"id="step-assign""#) && !shown.contains(#"id="step-verify""#))
            #expect(try await office.get(path, as: .department).status == .notFound)
            let read = try await page(.orgdept)
            #expect(read.contains("办理记录") && !read.contains("\(path)/steps"))
            // A forged step out of order is refused in words and changes nothing.
            let early = try await step([("step", "verify"), ("on", "2026-11-02")])
            #expect(early.status == .conflict && early.text.contains("不能「核查通过」"))
            let assigned = try await step([("step", "assign"), ("department", "SCJG"), ("on", "2026-11-02")])
            #expect(assigned.status == .seeOther && assigned.headers[.location] == "\(path)?done=assign")
            #expect(try await office.get("\(path)?done=assign", as: .admin).text.contains("已登记「交办」"))

            // SCJG's liaison: its home lists the item with its working days; SWJ's sees nothing of it.
            let home = try await office.get("/console/department", as: .department).text
            #expect(home.contains(path) && home.contains("个工作日") && home.contains("待办理 1 件"))
            let otherHome = try await office.server.get("/console/department", cookie: otherCookie).text
            #expect(!otherHome.contains(path) && otherHome.contains("目前没有待办理的问题"))
            #expect(try await office.server.get(path, cookie: otherCookie).status == .notFound)
            #expect(try await office.server.get("/console/problems/999999", cookie: otherCookie).status == .notFound)
            let foreign = try await office.server.post(
                "\(path)/steps", body: ServerHarness.encode([("csrf", otherCSRF), ("step", "report_done"), ("note", "x"), ("on", "2026-11-03")]),
                cookie: otherCookie)
            #expect(foreign.status == .notFound)
            for hidden in ["/console/problems", "/console/personnel", "/console/ranking", "/console/clues", "/console/years"] {
                #expect(try await office.get(hidden, as: .department).status == .forbidden, "\(hidden)")
            }
            // The API takes keys, never a console session: the liaison's cookie opens nothing there.
            for api in ["/api/v1/problems", "/api/v1/problems/\(id)"] {
                #expect(try await office.server.get(api, cookie: otherCookie).status == .unauthorized, "\(api)")
                #expect(try await office.get(api, as: .department).status == .unauthorized, "\(api)")
            }
            // The liaison may report done, and nothing else; it learns there is a reporter, not who, nor the phone.
            shown = try await page(.department)
            #expect(shown.contains("有（由营商办答复、回访）") && !shown.contains("张三") && !shown.contains("13800000000"))
            let officeView = try await page()
            #expect(officeView.contains("张三") && officeView.contains("电话 13800000000"))
            #expect(shown.contains(#"id="step-report_done""#) && shown.contains("报告办结") && !shown.contains(#"id="step-send_back""#))
            let overstep = try await step([("step", "send_back"), ("note", "x"), ("on", "2026-11-03")], as: .department)
            #expect(overstep.status == .forbidden && overstep.text.contains("只能报告本部门问题的办结情况"))
            let noNote = try await step([("step", "report_done"), ("note", " "), ("on", "2026-11-03")], as: .department)
            #expect(noNote.status == .unprocessableContent && noNote.text.contains("须写明情况"))
            let before = try await step([("step", "report_done"), ("note", "已办"), ("on", "2026-11-01")], as: .department)
            #expect(before.status == .unprocessableContent && before.text.contains("早于上一步"))
            #expect(try count("SELECT count(*) FROM problem_steps WHERE problem_id = \(id)") == 2)
            #expect(try await step([("step", "report_done"), ("note", "已一次办结"), ("on", "2026-11-03")], as: .department).status == .seeOther)
            #expect(try count("SELECT count(*) FROM audit_log WHERE action = 'problem.report_done' AND actor = 'staff:department1'") == 1)

            // The office: 核查, 答复; 回访不满意 sends it back to SCJG against a new deadline.
            #expect(try await step([("step", "verify"), ("on", "2026-11-04")]).status == .seeOther)
            shown = try await page()
            #expect(shown.contains("待反馈销号") && shown.contains(#"id="step-reply""#) && !shown.contains(#"id="step-close""#))
            #expect(try await step([("step", "close"), ("on", "2026-11-04")]).status == .conflict)
            #expect(try await step([("step", "reply"), ("note", "已电话告知"), ("on", "2026-11-05")]).status == .seeOther)
            let noResult = try await step([("step", "callback"), ("on", "2026-11-06")])
            #expect(noResult.status == .unprocessableContent && noResult.text.contains("回访须选择结果"))
            #expect(try await step([("step", "callback"), ("result", "不满意"), ("note", "仍需往返"), ("on", "2026-11-06")]).status == .seeOther)
            let back = try await office.get("/console/department", as: .department).text
            #expect(back.contains(path) && back.contains("【重办】"))
            #expect(try await page().contains("办理中"))
            #expect(try await step([("step", "report_done"), ("note", "已上门办理"), ("on", "2026-11-09")], as: .department).status == .seeOther)
            for (fields, label) in [
                ([("step", "verify"), ("on", "2026-11-10")], "verify"), ([("step", "reply"), ("note", "已告知"), ("on", "2026-11-10")], "reply"),
                ([("step", "callback"), ("result", "满意"), ("on", "2026-11-11")], "callback"), ([("step", "close"), ("on", "2026-11-11")], "close"),
            ] {
                #expect(try await step(fields).status == .seeOther, "\(label)")
            }
            shown = try await page()
            #expect(shown.contains("已销号") && !shown.contains(#"action="\#(path)/steps""#))
            #expect(try await step([("step", "close"), ("on", "2026-11-12")]).status == .conflict)
            let history = try await ProblemStore(pool: fixture.pool).show(id).history.map(\.step)
            #expect(
                history == [
                    .receive, .assign, .reportDone, .verify, .reply, .callback, .reportDone, .verify, .reply, .callback, .close,
                ])
            // Every step under the person's name; SWJ's liaison never saw it, not even at the end.
            #expect(try count("SELECT count(*) FROM problem_steps WHERE problem_id = \(id) AND actor NOT LIKE 'staff:%'") == 0)
            #expect(try await office.server.get(path, cookie: otherCookie).status == .notFound)
        }
    }

    @Test("a new clue becomes a ledger problem in one click, once")
    func clueInOneClick() async throws {
        try await ConsolePagesTests.withOffice { office in
            let clues = try await office.get("/console/clues", as: .admin).text
            #expect(clues.contains("/console/clues/\(office.clue.uuidString.lowercased())/problem") && clues.contains("转为台账问题"))
            let bad = try await office.post("/console/clues/\(office.clue.uuidString.lowercased())/problem", [("environment", "x")], as: .admin)
            #expect(bad.status == .badRequest)
            let made = try await office.post("/console/clues/\(office.clue.uuidString.lowercased())/problem", [("environment", "政务环境")], as: .admin)
            #expect(made.status == .seeOther && made.headers[.location]?.hasSuffix("?done=receive") == true)
            let again = try await office.post("/console/clues/\(office.clue.uuidString.lowercased())/problem", [("environment", "政务环境")], as: .admin)
            #expect(again.status == .conflict)
            #expect(try office.server.fixture.count("SELECT count(*) FROM problems WHERE channel = '线索'") == 1)
            let after = try await office.get("/console/clues", as: .admin).text
            #expect(!after.contains("/problem\""))
        }
    }
}

extension ConsoleLedgerTests {
    @Test("账号管理: the office makes a liaison (password shown once), who signs in to its department's page; disabled, its session ends")
    func departmentAccounts() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let page = try await office.get("/console/staff", as: .admin)
            #expect(page.status == .ok && page.text.contains("department1") && page.text.contains("部门联络员"))
            for role in [APIRole.orgdept, .hr, .department] {
                #expect(try await office.get("/console/staff", as: role).status == .forbidden)
                #expect(
                    try await office.post("/console/staff", [("role", "admin"), ("login", "x\(role)"), ("name", "x")], as: role).status == .forbidden)
            }
            // A liaison without its department, or an unknown one: refused, the form kept, nothing made.
            let noDepartment = try await office.post(
                "/console/staff", [("role", "department"), ("department", ""), ("login", "swj-li"), ("name", "李四")], as: .admin)
            #expect(noDepartment.status == .unprocessableContent && noDepartment.text.contains("须指定所属部门") && noDepartment.text.contains("swj-li"))
            let unknown = try await office.post(
                "/console/staff", [("role", "department"), ("department", "NOPE"), ("login", "swj-li"), ("name", "李四")], as: .admin)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("未知部门"))
            #expect(try fixture.count("SELECT count(*) FROM staff WHERE login = 'swj-li'") == 0)
            let made = try await office.post(
                "/console/staff", [("role", "department"), ("department", "SWJ"), ("login", "SWJ-Li"), ("name", "李四")], as: .admin)
            #expect(made.status == .ok && made.text.contains("登录名 swj-li，初始密码："))
            let password = String(made.text[made.text.range(of: "初始密码：")!.upperBound...].prefix(12))
            #expect(
                try await office.post(
                    "/console/staff", [("role", "department"), ("department", "SWJ"), ("login", "swj-li"), ("name", "李四")], as: .admin
                ).status == .conflict)
            // First sign-in: the password must be changed; then its department's page.
            let (cookie, signedIn) = try await ConsoleTests.signIn(office.server, login: "swj-li", password: password)
            #expect(signedIn.headers[.location] == "/console/password")
            let session = try #require(cookie)
            try fixture.database.connect().query("UPDATE staff SET must_change_password = false WHERE login = 'swj-li'")
            let home = try await office.server.get("/console/department", cookie: session)
            #expect(home.status == .ok && home.text.contains("本部门问题") && !home.text.contains("人员名单"))
            // Disabled: the session ends at once; one cannot disable oneself.
            #expect(try await office.post("/console/staff/admin1/active", [("to", "disable")], as: .admin).status == .conflict)
            #expect(try await office.post("/console/staff/swj-li/active", [("to", "disable")], as: .admin).status == .seeOther)
            #expect(try await office.server.get("/console/department", cookie: session).headers[.location] == "/console/login")
            #expect(try await office.post("/console/staff/nobody/active", [("to", "enable")], as: .admin).status == .notFound)
            let reset = try await office.post("/console/staff/swj-li/password", [], as: .admin)
            #expect(reset.status == .ok && reset.text.contains("新初始密码"))
            #expect(
                try fixture.count(
                    "SELECT count(*) FROM audit_log WHERE actor = 'staff:admin1' AND action IN ('staff.create', 'staff.disable', 'staff.reset-password')"
                ) == 3)
        }
    }
}

extension ConsoleLedgerTests {
    /// The smallest whole PNG and PDF the checks accept (PingyiCoreTests' ProblemEvidenceTests tries every kind).
    static let png = Data(
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 40) + [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    static let pdf = Data("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

    /// A multipart 办结 with `files` as evidence.
    static func reportDone(
        _ office: ConsolePagesTests.Office, _ id: Int, files: [Data], day: String, as role: APIRole = .department
    )
        async throws -> TestResponse
    {
        let boundary = "pingyi-evidence-boundary"
        var body = Data()
        func field(_ name: String, _ value: String) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        field("csrf", office.csrf[role]!)
        field("step", "report_done")
        field("note", "已办结，附现场照片")
        field("on", day)
        for (index, file) in files.enumerated() {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"evidence[]\"; filename=\"f\(index).bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        .utf8))
            body.append(file)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await office.server.post(
            "/console/problems/\(id)/steps", bytes: Array(body), cookie: office.cookies[role],
            contentType: "multipart/form-data; boundary=\(boundary)")
    }

    @Test("办结 with evidence: checked by content, stored with the step or not at all, served as an attachment to the office and the department only")
    func evidence() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let store = ProblemStore(pool: fixture.pool)
            let problem = try await store.add(
                channel: .hotline, environment: .government, description: "证照办理慢", receivedOn: Self.day("2026-11-02"), reporter: nil, actor: "t")
            _ = try await store.assign(problem.id, department: "SCJG", on: Self.day("2026-11-02"), actor: "t")
            // A page, not a photo (named .jpg all the same): refused, and the step is not taken either.
            let html = try await Self.reportDone(
                office, problem.id, files: [Self.png, Data("<html><script>alert(1)</script>".utf8)], day: "2026-11-03")
            #expect(html.status == .unprocessableContent && html.text.contains("第 2 个文件不是照片"))
            let cut = try await Self.reportDone(office, problem.id, files: [Self.png.prefix(20)], day: "2026-11-03")
            #expect(cut.status == .unprocessableContent && cut.text.contains("不完整"))
            #expect(try fixture.count("SELECT count(*) FROM problem_evidence") == 0)
            #expect(try fixture.count("SELECT count(*) FROM problem_steps WHERE problem_id = \(problem.id)") == 2)
            let page = try await office.get("/console/problems/\(problem.id)", as: .department).text
            #expect(page.contains(#"enctype="multipart/form-data""#) && page.contains(#"name="evidence[]""#))
            // A photo and a PDF: stored with the step.
            let done = try await Self.reportDone(office, problem.id, files: [Self.png, Self.pdf], day: "2026-11-03")
            #expect(done.status == .seeOther)
            #expect(try fixture.count("SELECT count(*) FROM problem_evidence WHERE problem_id = \(problem.id)") == 2)
            let lines = try await store.evidence(problem: problem.id)
            #expect(lines.map(\.kind) == [.png, .pdf] && lines.allSatisfy { $0.step == .reportDone })
            let shown = try await office.get("/console/problems/\(problem.id)", as: .admin).text
            #expect(shown.contains("证明材料") && shown.contains("/console/problems/\(problem.id)/evidence/\(lines[0].id)"))
            // Served as an attachment, its type by its content, never sniffed.
            for role in [APIRole.admin, .department] {
                let file = try await office.get("/console/problems/\(problem.id)/evidence/\(lines[0].id)", as: role)
                #expect(file.status == .ok && file.headers[.contentType] == "image/png" && Data(file.body.readableBytesView) == Self.png)
                #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true && file.headers[.xContentTypeOptions] == "nosniff")
            }
            #expect(try await office.get("/console/problems/\(problem.id)/evidence/\(lines[0].id)", as: .orgdept).status == .forbidden)
            #expect(try await office.get("/console/problems/\(problem.id)/evidence/999999", as: .admin).status == .notFound)
            // A body of more parts than the form has is refused before it is parsed; another department's item
            // is 404 before its upload is read.
            let many = try await Self.reportDone(office, problem.id, files: Array(repeating: Data(), count: 40), day: "2026-11-04")
            #expect(many.status == .badRequest)
            let theirs = try await store.add(
                channel: .hotline, environment: .government, description: "税务窗口", receivedOn: Self.day("2026-11-02"), reporter: nil, actor: "t")
            _ = try await store.assign(theirs.id, department: "SWJ", on: Self.day("2026-11-02"), actor: "t")
            #expect(try await Self.reportDone(office, theirs.id, files: [Self.png], day: "2026-11-03").status == .notFound)
            #expect(try fixture.count("SELECT count(*) FROM problem_steps WHERE problem_id = \(theirs.id)") == 2)
            // Evidence only with 办结.
            let other = try await store.add(
                channel: .hotline, environment: .government, description: "另一件", receivedOn: Self.day("2026-11-02"), reporter: nil, actor: "t")
            #expect(try await office.get("/console/problems/\(other.id)/evidence/\(lines[0].id)", as: .admin).status == .notFound)
        }
    }
}

extension ConsoleLedgerTests {
    @Test("交办单: an A4 sheet for an assigned item, to the office and its department only")
    func assignmentOrder() async throws {
        try await ConsolePagesTests.withOffice { office in
            let store = ProblemStore(pool: office.server.fixture.pool)
            let problem = try await store.add(
                channel: .complaintLine, environment: .legal, description: "执法检查未出具书面文书", receivedOn: Self.day("2026-11-02"), reporter: "孙经理",
                actor: "t")
            #expect(try await office.get("/console/problems/\(problem.id)/order", as: .admin).status == .conflict)
            _ = try await store.assign(problem.id, department: "SCJG", on: Self.day("2026-11-03"), actor: "t")
            let order = try await office.get("/console/problems/\(problem.id)/order", as: .admin)
            #expect(order.status == .ok && order.text.contains("问题交办单") && order.text.contains("营商交〔2026〕\(problem.id) 号"))
            #expect(order.text.contains("执法检查未出具书面文书") && order.text.contains("2026 年 11 月 3 日") && order.text.contains("7 个工作日"))
            #expect(order.text.contains("签收人") && order.text.contains("办理结果") && !order.text.contains("孙经理"))
            #expect(try await office.get("/console/problems/\(problem.id)/order", as: .department).status == .ok)
            #expect(try await office.get("/console/problems/\(problem.id)/order", as: .orgdept).status == .forbidden)
            #expect(try await office.get("/console/problems/\(problem.id)", as: .admin).text.contains("打印交办单"))
        }
    }
}

extension ConsoleLedgerTests {
    @Test("find and batch: words, channel and state filters; the list as .xlsx; 批量交办 all or none")
    func findAndBatch() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let store = ProblemStore(pool: fixture.pool)
            var ids: [Int] = []
            for (channel, text) in [(ProblemChannel.hotline, "营业执照变更往返三次"), (.mailbox, "补贴未到账"), (.hotline, "窗口午休无人")] {
                ids.append(
                    try await store.add(
                        channel: channel, environment: .government, description: text, receivedOn: Self.day("2026-11-02"), reporter: nil, actor: "t"
                    ).id)
            }
            let found = try await office.get("/console/problems?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7", as: .orgdept).text  // 营业执照
            #expect(found.contains("营业执照变更往返三次") && !found.contains("补贴未到账"))
            let byChannel = try await office.get("/console/problems?channel=%E4%BF%A1%E7%AE%B1", as: .admin).text  // 信箱
            #expect(byChannel.contains("补贴未到账") && !byChannel.contains("窗口午休无人"))
            #expect(try await office.get("/console/problems?channel=nope", as: .admin).status == .badRequest)
            let sheet = try await office.get("/console/problems.xlsx?channel=%E4%BF%A1%E7%AE%B1", as: .admin)
            #expect(sheet.status == .ok && Array(sheet.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            #expect(sheet.headers[.contentDisposition]?.contains("problems-") == true)
            // 批量交办: one of the three assigned meanwhile — none is assigned, and the page says so.
            _ = try await store.assign(ids[2], department: "SWJ", on: Self.day("2026-11-02"), actor: "t")
            let page = try await office.get("/console/problems", as: .admin).text
            #expect(page.contains(#"name="pick-\#(ids[0])""#) && !page.contains(#"name="pick-\#(ids[2])""#))
            let mixed = try await office.post(
                "/console/problems/assign", ids.map { ("pick-\($0)", "1") } + [("department", "SCJG"), ("on", "2026-11-03")], as: .admin)
            #expect(mixed.status == .conflict && mixed.text.contains("一件也没有交办"))
            #expect(try fixture.count("SELECT count(*) FROM problems WHERE department_code = 'SCJG'") == 0)
            let none = try await office.post("/console/problems/assign", [("department", "SCJG"), ("on", "2026-11-03")], as: .admin)
            #expect(none.status == .unprocessableContent)
            let both = try await office.post(
                "/console/problems/assign", [("pick-\(ids[0])", "1"), ("pick-\(ids[1])", "1"), ("department", "SCJG"), ("on", "2026-11-03")],
                as: .admin)
            #expect(both.status == .seeOther && both.headers[.location] == "/console/problems?department=SCJG&assigned=2")
            #expect(try fixture.count("SELECT count(*) FROM problems WHERE department_code = 'SCJG' AND state = 'assigned'") == 2)
            #expect(try await office.get("/console/problems?department=SCJG&assigned=2", as: .admin).text.contains("已批量交办 2 件"))
            #expect(try await office.post("/console/problems/assign", [("pick-\(ids[0])", "1")], as: .orgdept).status == .forbidden)
        }
    }
}

extension ConsoleLedgerTests {
    @Test("near-identical clues merged into one problem, all or none; the clues as .xlsx")
    func mergeClues() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let connection = try fixture.database.connect()
            var more: [UUID] = []
            for _ in 0..<2 {
                more.append(
                    try connection.query(
                        "INSERT INTO problem_clues (campaign_id, department_code, body) VALUES (\(office.star.id), 'SWJ', '窗口推诿扯皮') RETURNING id"
                    )[0].decode("id"))
            }
            let picks = ([office.clue] + more).map { ("pick-\($0.uuidString.lowercased())", "1") }
            let page = try await office.get("/console/clues", as: .admin).text
            #expect(page.contains(#"form="merge" name="pick-\#(more[0].uuidString.lowercased())""#) && page.contains("合并为一个问题"))
            #expect(try await office.post("/console/clues/merge", [("environment", "政务环境")], as: .admin).status == .unprocessableContent)
            #expect(try await office.post("/console/clues/merge", picks + [("environment", "x")], as: .admin).status == .badRequest)
            // One of them taken meanwhile: none merged.
            _ = try await ProblemStore(pool: fixture.pool).fromClue(more[1].uuidString.lowercased(), environment: .government, actor: "t")
            let refused = try await office.post("/console/clues/merge", picks + [("environment", "政务环境")], as: .admin)
            #expect(refused.status == .conflict && refused.text.contains("没有改动任何线索"))
            #expect(try fixture.count("SELECT count(*) FROM problem_clues WHERE status = 'new'") == 2)
            let merged = try await office.post("/console/clues/merge", Array(picks.prefix(2)) + [("environment", "政务环境")], as: .admin)
            #expect(merged.status == .seeOther)
            #expect(try fixture.count("SELECT count(*) FROM problem_clues WHERE status = 'new'") == 0)
            #expect(try fixture.count("SELECT count(*) FROM problems WHERE description LIKE '%合并相同线索 2 条%' AND reporter IS NOT NULL") == 1)
            let sheet = try await office.get("/console/clues.xlsx", as: .admin)
            #expect(sheet.status == .ok && Array(sheet.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            #expect(try await office.get("/console/clues.xlsx", as: .orgdept).status == .forbidden)
        }
    }
}
