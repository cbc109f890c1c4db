import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing
import ZIPFoundation

@testable import PingyiServer

/// The console's pages after sign-in: who may see and post what, the anti-forgery check on every
/// form, escaping of every string that came from outside, and what each page does.
@Suite("Office console pages")
struct ConsolePagesTests {
    /// A published 2026 (the merchant review scored), 2027's star rating open (a year with an open
    /// campaign cannot be published), a clue, and a signed-in admin, orgdept and hr member: their
    /// session cookies and form tokens.
    struct Office: Sendable {
        let server: ServerHarness
        let cookies: [APIRole: String]
        let csrf: [APIRole: String]
        let star: Campaign
        let starInvitations: [IssuedInvitation]
        let clue: UUID

        func supervisorToken(_ code: String) -> InvitationToken {
            starInvitations.first { $0.respondent.key == code }!.token
        }

        func get(_ path: String, as role: APIRole) async throws -> TestResponse {
            try await server.get(path, cookie: cookies[role])
        }

        func post(_ path: String, _ fields: [(String, String)], as role: APIRole, csrf token: String? = nil) async throws -> TestResponse {
            try await server.post(path, body: ServerHarness.encode([("csrf", token ?? csrf[role]!)] + fields), cookie: cookies[role])
        }
    }

    static let hostileChief = #"<script>alert("chief")</script>"#
    static let hostileDepartment = #""><img src=x onerror=alert(1)>"#
    static let hostileClue = #"<script>alert("clue")</script>"#
    static let hostileSigner = "<i>签</i>"

    static func withOffice(_ body: @Sendable (Office) async throws -> Void) async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let connection = try server.fixture.database.connect()
            try connection.query("UPDATE chiefs SET name = \(hostileChief) WHERE employee_number = 'G0102'")
            try connection.query("UPDATE departments SET name = \(hostileDepartment) WHERE code = 'SWJ'")
            try await APITests.publishedYear(server)
            _ = try await AppraisalStore(pool: server.fixture.pool).create(
                year: 2027, title: "2027 年度", policyText: try CountyFixture.shipped("policy.yaml"), policyFile: "policy.yaml", actor: "test")
            let (star, starInvitations) = try await server.fixture.openCampaign(.starRating, year: 2027)
            let clue: UUID = try connection.query(
                "INSERT INTO problem_clues (campaign_id, department_code, body, signed_by) VALUES (\(star.id), 'SWJ', \(hostileClue), \(hostileSigner)) RETURNING id"
            )[0].decode("id")
            var cookies: [APIRole: String] = [:]
            var csrf: [APIRole: String] = [:]
            for role in APIRole.allCases {
                let login = "\(role.rawValue)1"
                try await ConsoleTests.account(server, login, role, password: "password-\(login)", mustChange: false)
                let (cookie, response) = try await ConsoleTests.signIn(server, login: login, password: "password-\(login)")
                #expect(
                    response.headers[.location]
                        == ["admin": "/console", "orgdept": "/console/ranking", "hr": "/console/personnel", "department": "/console/department"][
                            role.rawValue])
                cookies[role] = try #require(cookie)
                csrf[role] = try await server.csrf(path: "/console/personnel", cookie: cookies[role]!)
            }
            try await body(Office(server: server, cookies: cookies, csrf: csrf, star: star, starInvitations: starInvitations, clue: clue))
        }
    }

    @Test("every page × every role: admin all, orgdept ranking/chief/personnel, hr personnel; no session → sign-in")
    func roleMatrix() async throws {
        try await Self.withOffice { office in
            let pages: [(String, Set<APIRole>)] = [
                ("/console/campaigns/\(office.star.id)/confirm?action=close", [.admin]),
                ("/console/ranking", [.admin, .orgdept]),
                ("/console/ranking?department=SCJG", [.admin, .orgdept]),
                ("/console/chiefs/G0101", [.admin, .orgdept]),
                ("/console/follow-ups", [.admin, .orgdept]),
                ("/console/personnel", [.admin, .orgdept, .hr]),
                ("/console/personnel.csv", [.admin, .orgdept, .hr]),
                ("/console/clues", [.admin]),
                ("/console/problems", [.admin, .orgdept]),
                ("/console/problems/monthly?month=2026-03", [.admin, .orgdept]),
                ("/console/problems/monthly.xlsx?month=2026-03", [.admin, .orgdept]),
                ("/console/problems/quarterly?year=2026&quarter=1", [.admin, .orgdept]),
            ]
            for (path, allowed) in pages {
                for role in APIRole.allCases {
                    let status = try await office.get(path, as: role).status
                    #expect(status == (allowed.contains(role) ? .ok : .forbidden), "\(path) as \(role)")
                }
                let anonymous = try await office.server.get(path)
                #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/console/login", "\(path) without a session")
            }
            // /console is every account's way in: the office's 活动进度, the others' own home page.
            #expect(try await office.get("/console", as: .admin).status == .ok)
            for role in [APIRole.orgdept, .hr, .department] {
                let home = try await office.get("/console", as: role)
                #expect(
                    home.status == .seeOther
                        && home.headers[.location]
                            == ConsoleGate.home(StaffMember(id: 0, login: "x", name: "x", role: role, mustChangePassword: false))
                )
            }
            // The forms of the office are refused to the other roles, with their own valid tokens.
            let forms = try await Self.forms(office)
            for (path, fields) in forms {
                // The 组织部 records the follow-ups it carries out (tested on its own below).
                for role in [APIRole.orgdept, .hr, .department] where !(role == .orgdept && path.hasPrefix("/console/follow-ups/")) {
                    #expect(try await office.post(path, fields, as: role).status == .forbidden, "POST \(path) as \(role)")
                }
                let anonymous = try await office.server.post(path, body: ServerHarness.encode(fields), cookie: nil)
                #expect(anonymous.headers[.location] == "/console/login")
            }
            try Self.expectUntouched(office)
            let nav = try await office.get("/console/personnel", as: .hr).text
            #expect(!nav.contains("/console/ranking") && !nav.contains("/console/follow-ups") && !nav.contains("/chiefs/"))
        }
    }

    /// The console's forms, with fields that would change something if they were accepted.
    static func forms(_ office: Office) async throws -> [(String, [(String, String)])] {
        let followUp = try #require(try await FollowUpStore(pool: office.server.fixture.pool).list().first)
        return [
            ("/console/campaigns/\(office.star.id)/state", [("to", "closed")]),
            ("/console/campaigns/\(office.star.id)/invitations", [("reissue", "all"), ("reason", "测试")]),
            ("/console/follow-ups/\(followUp.id)", [("status", "done"), ("note", "已谈话")]),
            ("/console/clues/\(office.clue.uuidString)", [("status", "resolved"), ("note", "已办结")]),
        ]
    }

    /// Nothing the refused forms would have changed has changed.
    static func expectUntouched(_ office: Office) throws {
        let fixture = office.server.fixture
        #expect(try fixture.count("SELECT count(*) FROM campaigns WHERE id = \(office.star.id) AND state = 'open'") == 1)
        #expect(try fixture.count("SELECT count(*) FROM invitations WHERE revoked_at IS NOT NULL") == 0)
        #expect(try fixture.count("SELECT count(*) FROM follow_ups WHERE status <> 'pending'") == 0)
        #expect(try fixture.count("SELECT count(*) FROM problem_clues WHERE status <> 'new' OR note IS NOT NULL") == 0)
        #expect(
            try fixture.count("SELECT count(*) FROM audit_log WHERE actor LIKE 'staff:%' AND action NOT IN ('staff.signin', 'export.personnel')") == 0
        )
    }

    @Test("every form: no token, a wrong token, another session's token or an unreadable body is refused and changes nothing")
    func antiForgery() async throws {
        try await Self.withOffice { office in
            let forms = try await Self.forms(office) + [("/console/password", [("password", "another-password-1"), ("again", "another-password-1")])]
            for (path, fields) in forms {
                let cookie = office.cookies[.admin]
                let missing = try await office.server.post(path, body: ServerHarness.encode(fields), cookie: cookie)
                #expect(missing.status == .forbidden, "\(path) without a token")
                #expect(missing.text.contains("页面已过期"))
                #expect(try await office.post(path, fields, as: .admin, csrf: "forged").status == .forbidden, "\(path) forged")
                #expect(try await office.post(path, fields, as: .admin, csrf: office.csrf[.orgdept]!).status == .forbidden, "\(path) other session")
                let garbage = try await office.server.post(path, body: "csrf=\(office.csrf[.admin]!)&a=%zz", cookie: cookie)
                #expect(garbage.status == .badRequest, "\(path) unreadable")
            }
            try Self.expectUntouched(office)
            #expect(try await ConsoleTests.signIn(office.server, login: "admin1", password: "password-admin1").1.status == .seeOther)
        }
    }

    @Test("every string from outside is escaped on every page: names, departments, clues, signatures, notes")
    func escaping() async throws {
        try await Self.withOffice { office in
            let followUp = try #require(try await FollowUpStore(pool: office.server.fixture.pool).list().first)
            let hostileNote = #"</textarea><script>alert("note")</script>"#
            #expect(
                try await office.post("/console/follow-ups/\(followUp.id)", [("status", "done"), ("note", hostileNote)], as: .admin).status
                    == .seeOther)
            #expect(
                try await office.post("/console/clues/\(office.clue.uuidString)", [("status", "assigned"), ("note", hostileNote)], as: .admin).status
                    == .seeOther)
            let pages = [
                "/console", "/console/campaigns/\(office.star.id)/confirm?action=reissue", "/console/ranking", "/console/ranking?department=SWJ",
                "/console/chiefs/G0102", "/console/chiefs/G0301", "/console/follow-ups", "/console/personnel", "/console/clues",
            ]
            var seen = ""
            for path in pages {
                let page = try await office.get(path, as: .admin)
                #expect(page.status == .ok, "\(path)")
                for raw in ["<script>", "<img src=x", "<i>签", "</textarea><script>", "<b>admin1</b>"] {
                    #expect(!page.text.contains(raw), "\(raw) unescaped on \(path)")
                }
                seen += page.text
            }
            for escaped in [
                "&lt;script&gt;alert(&quot;chief&quot;)", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", "&lt;script&gt;alert(&quot;clue&quot;)",
                "&lt;i&gt;签&lt;/i&gt;", "&lt;/textarea&gt;&lt;script&gt;alert(&quot;note&quot;)", "&lt;b&gt;admin1&lt;/b&gt;",
            ] {
                #expect(seen.contains(escaped), "\(escaped) shown escaped")
            }
        }
    }

    @Test("活动进度: close through the confirmation page, a second close is 409; reissue gives a CSV whose links work and the old ones do not")
    func campaignActions() async throws {
        try await Self.withOffice { office in
            let star = office.star.id
            let progress = try await office.get("/console", as: .admin)
            #expect(progress.text.contains("/console/campaigns/\(star)/confirm?action=close"))
            #expect(progress.text.contains("已归档的活动") || progress.text.contains("已结束"))
            // Departments with fewer than minBallots (5) answers show no figures; the daily chart is the whole campaign's.
            #expect(progress.text.contains("已提交不足 5 份，暂不显示"))
            #expect(!progress.text.contains("<td>0/"))
            #expect(try await office.get("/console/campaigns/\(star)/confirm?action=explode", as: .admin).status == .badRequest)
            for id in ["abc", "999999", "-1"] {
                #expect(try await office.get("/console/campaigns/\(id)/confirm?action=close", as: .admin).status == .notFound)
            }
            let confirm = try await office.get("/console/campaigns/\(star)/confirm?action=reissue", as: .admin)
            #expect(confirm.text.contains(#"name="reissue" value="all""#))

            // Nothing new to issue: a page, not an empty file.
            let none = try await office.post("/console/campaigns/\(star)/invitations", [("reissue", "none")], as: .admin)
            #expect(none.status == .ok && none.text.contains("没有需要发放的邀请") && none.text.contains("位评议对象都已有有效链接"))
            #expect(try await office.post("/console/campaigns/\(star)/invitations", [("reissue", "some")], as: .admin).status == .badRequest)

            let old = office.supervisorToken("JD001")
            let noReason = try await office.post("/console/campaigns/\(star)/invitations", [("reissue", "all")], as: .admin)
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("须填写理由"))
            #expect(try office.server.fixture.count("SELECT count(*) FROM invitations WHERE revoked_at IS NOT NULL") == 0)
            let sheet = try await office.post("/console/campaigns/\(star)/invitations", [("reissue", "all"), ("reason", "监督员换届，旧链接作废")], as: .admin)
            #expect(sheet.status == .ok)
            #expect(sheet.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(sheet.headers[.contentDisposition]?.contains("invitations-campaign\(star)-") == true)
            #expect(sheet.headers[.cacheControl] == "no-store")
            #expect(Array(sheet.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let links = sheet.text.split(whereSeparator: \.isNewline).compactMap { line in line.split(separator: ",").last.map(String.init) }.filter {
                $0.contains("/r/")
            }
            #expect(links.count == 2)  // JD001 and JD002; JD003 is not active
            let fresh = try #require(links.first?.components(separatedBy: "/r/").last?.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(try await office.server.get("/r/\(fresh)").status == .seeOther)
            #expect(try await office.server.get("/r/\(old.text)").status == .notFound)
            #expect(
                try office.server.fixture.count("SELECT count(*) FROM audit_log WHERE actor = 'staff:admin1' AND action = 'invitations.issue'") == 2)
            #expect(sheet.text.contains(InvitationCode(token: InvitationToken(text: fresh)!).text) == false)  // the CSV carries links, not codes
            // The same, as printable letters: one page each, a QR code and a typed code, the links working.
            let letters = try await office.post(
                "/console/campaigns/\(star)/invitations", [("reissue", "all"), ("reason", "补发邀请函"), ("format", "letters")], as: .admin)
            #expect(letters.status == .ok && letters.headers[.contentType] == "text/html; charset=utf-8")
            #expect(
                letters.headers[.contentDisposition]?.contains("letters-campaign\(star)-") == true && letters.headers[.cacheControl] == "no-store")
            #expect(letters.text.components(separatedBy: #"<section class="letter">"#).count - 1 == 2 && letters.text.contains("<svg"))
            let letterLink = try #require(letters.text.components(separatedBy: "/r/").dropFirst().first?.prefix(22))
            #expect(try await office.server.get("/r/\(letterLink)").status == .seeOther)
            #expect(try await office.server.get("/r/\(fresh)").status == .notFound)  // revoked by this reissue
            // Reminders from an uploaded links file: one of the two letters' links is answered, so one reminder.
            let letterLinks = letters.text.components(separatedBy: "/r/").dropFirst().map { String($0.prefix(22)) }
            let uniqueLinks = Array(Set(letterLinks)).sorted()
            #expect(uniqueLinks.count == 2)
            let answered = try #require(InvitationToken(text: uniqueLinks[0]))
            try office.server.fixture.database.connect().query(
                "UPDATE invitations SET used_on = DATE '2027-01-04' WHERE token_hash = \(answered.hash)")
            let csv =
                "编号,姓名,联系电话,评星部门数,评星链接\n"
                + uniqueLinks.enumerated().map { "JD00\($0.offset + 1),监督员,,3,http://127.0.0.1:8080/r/\($0.element)" }.joined(separator: "\n")
            let boundary = "pingyi-test-boundary"
            func part(_ name: String, _ value: String, file: String? = nil) -> String {
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\(file.map { "; filename=\"\($0)\"" } ?? "")\r\n\r\n\(value)\r\n"
            }
            let body = part("csrf", office.csrf[.admin]!) + part("links", csv, file: "links.csv") + part("format", "letters") + "--\(boundary)--\r\n"
            let reminders = try await office.server.post(
                "/console/campaigns/\(star)/remind", body: body, cookie: office.cookies[.admin],
                contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(reminders.status == .ok && reminders.headers[.contentType] == "text/html; charset=utf-8")
            #expect(reminders.text.components(separatedBy: #"<section class="letter">"#).count - 1 == 1)
            #expect(reminders.text.contains(uniqueLinks[1]) && !reminders.text.contains(uniqueLinks[0]) && reminders.text.contains("评议提醒"))
            let badCSRF = part("csrf", "wrong") + part("links", csv, file: "links.csv") + "--\(boundary)--\r\n"
            #expect(
                try await office.server.post(
                    "/console/campaigns/\(star)/remind", body: badCSRF, cookie: office.cookies[.admin],
                    contentType: "multipart/form-data; boundary=\(boundary)"
                ).status == .forbidden)
            #expect(
                try await office.server.post(
                    "/console/campaigns/\(star)/remind", body: "x", cookie: office.cookies[.admin],
                    contentType: "multipart/form-data; boundary=\(boundary)"
                ).status == .badRequest)
            #expect(try office.server.fixture.count("SELECT count(*) FROM audit_log WHERE action = 'invitations.remind'") == 1)
            // That use was written by hand, with no ballot in the box: undone, or the close below
            // would rightly refuse a box that does not match its used invitations.
            try office.server.fixture.database.connect().query("UPDATE invitations SET used_on = NULL WHERE token_hash = \(answered.hash)")
            let reissuedPage = try await office.get("/console", as: .admin).text
            #expect(reissuedPage.contains("已作废并重发 4 个链接") && reissuedPage.contains("staff:admin1 作废并重发 2 个：监督员换届，旧链接作废"))

            // Closing needs the campaign's private ballot key: none or an unreadable one is 422, another
            // campaign's key is 409, and either way nothing changes.
            // 2026 is published: its closed merchant review is folded away, not a card of its own.
            let progressPage = try await office.get("/console", as: .admin).text
            let folded = try #require(progressPage.range(of: #"<details class="card settled">"#))
            #expect(progressPage[folded.lowerBound...].contains("2026 年度「客商评议股室长」"))
            #expect(!progressPage[..<folded.lowerBound].contains("2026 年度「客商评议股室长」"))
            let closePage = try await office.get("/console/campaigns/\(star)/confirm?action=close", as: .admin).text
            #expect(closePage.contains(#"<textarea id="key" name="key""#) && closePage.contains(#"<input type="file" id="keyfile""#))
            let used = try office.server.fixture.count("SELECT count(*) FROM invitations WHERE campaign_id = \(star) AND used_on IS NOT NULL")
            #expect(closePage.contains(#"票箱中的密封选票 <strong id="sealed-count">\#(used)</strong> 份"#))
            #expect(try await office.post("/console/campaigns/\(star)/state", [("to", "closed")], as: .admin).status == .unprocessableContent)
            let otherKey = BallotOpeningKey.generate().fileText(campaignID: star)
            #expect(try await office.post("/console/campaigns/\(star)/state", [("to", "closed"), ("key", otherKey)], as: .admin).status == .conflict)
            #expect(try office.server.fixture.count("SELECT count(*) FROM campaigns WHERE id = \(star) AND state = 'open'") == 1)
            let keyText = CountyFixture.ballotKey.fileText(campaignID: star)
            let close = try await office.post("/console/campaigns/\(star)/state", [("to", "closed"), ("key", keyText)], as: .admin)
            #expect(close.status == .ok && close.text.contains("已开箱计票 \(used) 份"))
            #expect(try office.server.fixture.count("SELECT count(*) FROM campaigns WHERE id = \(star) AND state = 'closed'") == 1)
            // A double click or a second tab: the same answer, not an error, and nothing counted twice.
            let again = try await office.post("/console/campaigns/\(star)/state", [("to", "closed"), ("key", keyText)], as: .admin)
            #expect(again.status == .ok && again.text.contains("已开箱计票 \(used) 份"))
            #expect(try office.server.fixture.count("SELECT count(*) FROM ballots WHERE campaign_id = \(star)") == used)
            #expect(try await office.post("/console/campaigns/\(star)/state", [("to", "draft")], as: .admin).status == .badRequest)
            let issueClosed = try await office.post("/console/campaigns/\(star)/invitations", [("reissue", "none")], as: .admin)
            #expect(issueClosed.status == .conflict)
            #expect(try await office.get("/console", as: .admin).text.contains("/console/campaigns/\(star)/confirm?action=publish"))
        }
    }

    @Test("开始活动: the key pair is made in the browser; the server takes only a public half, and the page runs our own script only")
    func openWithBrowserKey() async throws {
        try await Self.withOffice { office in
            let draft = try await CampaignStore(pool: office.server.fixture.pool).create(
                year: 2027, kind: .merchantReview, templateText: try CountyFixture.shipped("merchant-review.yaml"), templateFile: "m.yaml",
                actor: "test")
            let confirm = try await office.get("/console/campaigns/\(draft.id)/confirm?action=open", as: .admin)
            #expect(
                confirm.text.contains(#"id="keygen" data-campaign="\#(draft.id)""#) && confirm.text.contains(#"<script src="/static/console.js">"#))
            #expect(confirm.text.contains(#"id="confirm-button" disabled"#))
            #expect(confirm.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(try await office.server.get("/s").headers[.contentSecurityPolicy]?.contains("script") == false)
            #expect(try await office.server.get("/static/console.js").text.contains("generateKey({ name: \"X25519\" }"))
            for bad in [nil, "", "bm90IGEga2V5", Data(count: 32).base64EncodedString() + "x"] {
                let fields = [("to", "open")] + (bad.map { [("publicKey", $0)] } ?? [])
                let refused = try await office.post("/console/campaigns/\(draft.id)/state", fields, as: .admin)
                #expect(refused.status == .unprocessableContent && refused.text.contains("本机浏览器中生成"))
            }
            #expect(try office.server.fixture.count("SELECT count(*) FROM campaigns WHERE id = \(draft.id) AND state = 'draft'") == 1)
            let key = BallotOpeningKey.generate()
            let opened = try await office.post(
                "/console/campaigns/\(draft.id)/state", [("to", "open"), ("publicKey", key.sealingKey.rawRepresentation.base64EncodedString())],
                as: .admin)
            #expect(opened.status == .ok && opened.text.contains("活动已开始") && opened.text.contains(key.sealingKey.fingerprint))
            let stored: Data = try office.server.fixture.database.connect().query("SELECT sealing_key FROM campaigns WHERE id = \(draft.id)")[0]
                .decode("sealing_key")
            #expect(stored == key.sealingKey.rawRepresentation)
        }
    }

    @Test("整改跟踪: overdue first; an outcome without a note or status is 422 and kept typed; a good one is stored and audited")
    func followUps() async throws {
        try await Self.withOffice { office in
            let fixture = office.server.fixture
            let list = try await FollowUpStore(pool: fixture.pool).list()
            try #require(list.count >= 2)
            let late = list.last!
            try fixture.database.connect().query("UPDATE follow_ups SET due_on = current_date - 3 WHERE id = \(late.id)")
            let page = try await office.get("/console/follow-ups", as: .admin).text
            let firstRow = try #require(page.range(of: "<tr id=\"f"))
            #expect(page[firstRow.upperBound...].hasPrefix("\(late.id)\" class=\"flagged\""))
            #expect(page.contains("已逾期 <strong>1</strong>"))

            let target = list.first!.id == late.id ? list[1] : list.first!
            let empty = try await office.post("/console/follow-ups/\(target.id)", [("status", "done"), ("note", "  ")], as: .admin)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("请填写办理情况说明"))
            let pending = try await office.post("/console/follow-ups/\(target.id)", [("status", "pending"), ("note", "草稿内容")], as: .admin)
            #expect(pending.status == .unprocessableContent)
            #expect(pending.text.contains(">草稿内容</textarea>"))
            #expect(try await office.post("/console/follow-ups/99999", [("status", "done"), ("note", "x")], as: .admin).status == .notFound)
            #expect(try fixture.count("SELECT count(*) FROM follow_ups WHERE status <> 'pending'") == 0)

            let done = try await office.post("/console/follow-ups/\(target.id)", [("status", "waived"), ("note", "已调离原岗位")], as: .admin)
            #expect(done.status == .seeOther)
            #expect(
                try fixture.count(
                    "SELECT count(*) FROM follow_ups WHERE id = \(target.id) AND status = 'waived' AND outcome = '已调离原岗位' AND recorded_by = 'staff:admin1'"
                ) == 1)
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE actor = 'staff:admin1' AND action = 'followup.record'") == 1)

            // The 组织部 records the talk it held, with the day: a day after today is refused.
            let other = try #require(list.first { $0.id != target.id })
            let tomorrow = CountyCalendar.day(1, after: CountyCalendar.today())
            let future = try await office.post(
                "/console/follow-ups/\(other.id)", [("status", "done"), ("note", "已谈话"), ("doneOn", "\(tomorrow)")], as: .orgdept)
            #expect(future.status == .unprocessableContent && future.text.contains("办理日期应为"))
            let notADay = try await office.post(
                "/console/follow-ups/\(other.id)", [("status", "done"), ("note", "已谈话"), ("doneOn", "上周五")], as: .orgdept)
            #expect(notADay.status == .unprocessableContent)
            let held = try await office.post(
                "/console/follow-ups/\(other.id)", [("status", "done"), ("note", "已进行诫勉谈话"), ("doneOn", "2026-11-20")], as: .orgdept)
            #expect(held.status == .seeOther)
            #expect(try fixture.count("SELECT count(*) FROM follow_ups WHERE id = \(other.id) AND done_on = DATE '2026-11-20'") == 1)
            let after = try await office.get("/console/follow-ups", as: .orgdept).text
            #expect(after.contains("已进行诫勉谈话（2026-11-20 办理）") && !after.contains("staff:"))
        }
    }

    @Test("问题线索: filter by status, move a clue on with a note (audited); bad status 400, unknown clue 404, long note 422")
    func clues() async throws {
        try await Self.withOffice { office in
            let fixture = office.server.fixture
            let path = "/console/clues/\(office.clue.uuidString)"
            #expect(try await office.get("/console/clues?status=resolved", as: .admin).text.contains("没有问题线索"))
            #expect(try await office.get("/console/clues?status=new", as: .admin).text.contains("alert(&quot;clue&quot;)"))
            #expect(try await office.get("/console/clues?status=closed", as: .admin).status == .badRequest)
            #expect(try await office.post(path, [("status", "lost"), ("note", "")], as: .admin).status == .badRequest)
            #expect(try await office.post("/console/clues/not-a-uuid", [("status", "assigned")], as: .admin).status == .notFound)
            #expect(try await office.post("/console/clues/\(UUID().uuidString)", [("status", "assigned")], as: .admin).status == .notFound)
            let long = try await office.post(path, [("status", "assigned"), ("note", String(repeating: "长", count: 2001))], as: .admin)
            #expect(long.status == .unprocessableContent)
            #expect(try fixture.count("SELECT count(*) FROM problem_clues WHERE status = 'new' AND note IS NULL") == 1)

            #expect(try await office.post(path, [("status", "assigned"), ("note", "已交县税务局办理")], as: .admin).status == .seeOther)
            #expect(try fixture.count("SELECT count(*) FROM problem_clues WHERE status = 'assigned' AND note = '已交县税务局办理'") == 1)
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE actor = 'staff:admin1' AND action = 'clue.update'") == 1)
            let assigned = try await office.get("/console/clues?status=assigned", as: .admin).text
            #expect(assigned.contains("已交县税务局办理") && assigned.contains(#"<option value="assigned" selected>"#))
        }
    }

    @Test("排名, 个人, 人员名单: department filter, stars, a dot per ranked chief, the trend line, the CSV; unknown choices 404")
    func rankingChiefAndPersonnel() async throws {
        try await Self.withOffice { office in
            let all = try await office.get("/console/ranking", as: .orgdept).text
            let run = try await ScoringResultsStore(pool: office.server.fixture.pool).run(year: 2026, officialOnly: true)
            let ranked = run.scores.filter { $0.rank != nil }.count
            #expect(all.components(separatedBy: "<circle class=\"score\"").count - 1 == ranked)
            #expect(all.contains("class=\"threshold\"") && all.contains("计分规则的比例（33.3%）") && !all.contains("认定线"))
            #expect(all.contains("部门评星定级") && all.contains("2026 年度"))
            let scjg = try await office.get("/console/ranking?department=SCJG", as: .orgdept).text
            #expect(scjg.contains("王芳") && !scjg.contains("钱进"))
            #expect(scjg.contains(#"<option value="SCJG" selected>"#))
            // The fixture's ranking fits one page: page 1 is it (no pager), any other page is 404.
            #expect(try await office.get("/console/ranking?page=1", as: .orgdept).text.contains("王芳"))
            #expect(!all.contains(#"class="pager""#))
            for path in [
                "/console/ranking?department=NOPE", "/console/ranking?year=2019", "/console/ranking?year=abc", "/console/ranking?page=2",
                "/console/ranking?page=0", "/console/ranking?page=x",
            ] {
                #expect(try await office.get(path, as: .orgdept).status == .notFound, "\(path)")
            }

            let chief = try await office.get("/console/chiefs/G0101", as: .orgdept)
            #expect(chief.text.contains("王芳") && chief.text.contains("<polyline"))
            #expect(chief.text.components(separatedBy: "<circle").count - 1 == 1)  // one published year
            for number in ["G9999", String(repeating: "9", count: 40)] {
                #expect(try await office.get("/console/chiefs/\(number)", as: .orgdept).status == .notFound)
            }

            let personnel = try await office.get("/console/personnel", as: .hr)
            #expect(personnel.text.contains("2026 年度人员名单") && personnel.text.contains("/console/personnel.csv?year=2026"))
            let csv = try await office.get("/console/personnel.csv?year=2026", as: .hr)
            // The office's downloads folder shows 2026年度人员名单.csv; a client reading only `filename` gets the ASCII name.
            #expect(
                csv.headers[.contentDisposition]
                    == "attachment; filename=\"personnel-2026.csv\"; filename*=UTF-8''2026%E5%B9%B4%E5%BA%A6%E4%BA%BA%E5%91%98%E5%90%8D%E5%8D%95.csv")
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let (official, rows) = try await ScoringResultsStore(pool: office.server.fixture.pool).personnel(year: 2026)
            let expected = PersonnelList.csv(year: 2026, run: official, rows)
            #expect(Data(csv.body.readableBytesView) == expected)
            #expect(try await office.get("/console/personnel?year=2025", as: .hr).status == .notFound)
            let workbook = try await office.get("/console/personnel.xlsx?year=2026", as: .hr)
            #expect(
                workbook.status == .ok
                    && workbook.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"personnel-2026.xlsx\"; filename*=UTF-8''2026") == true
            )
            #expect(Array(workbook.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            // HR's workbook: the two lists on sheets of their own and a 说明 sheet, each printed A4
            // landscape with its title and headers repeated on every page.
            let archive = try Archive(data: Data(buffer: workbook.body), accessMode: .read)
            func part(_ path: String) throws -> String {
                var data = Data()
                _ = try archive.extract(try #require(archive[path])) { data.append($0) }
                return String(decoding: data, as: UTF8.self)
            }
            let book = try part("xl/workbook.xml")
            #expect(book.contains("name=\"拟晋升评优\"") && book.contains("name=\"拟调整\"") && book.contains("name=\"说明\""))
            #expect(book.components(separatedBy: "_xlnm.Print_Titles").count - 1 == 3)
            let first = try part("xl/worksheets/sheet1.xml")
            #expect(first.contains("orientation=\"landscape\"") && first.contains("paperSize=\"9\"") && first.contains("任职日期") == false)
            #expect(!(try part("xl/sharedStrings.xml")).contains("95% 区间"))
            #expect((try part("xl/sharedStrings.xml")).contains("任职日期"))
            #expect(try await office.get("/console/personnel.xlsx?year=2025", as: .hr).status == .notFound)
            // The ranking the page shows, as files; HR may not download it.
            #expect(all.contains("/console/ranking.xlsx?year=2026") && all.contains("/console/ranking.csv?year=2026"))
            let rankingCSV = try await office.get("/console/ranking.csv?year=2026", as: .orgdept)
            let rankingRows = try CSVDocument.parse(Data(rankingCSV.body.readableBytesView), file: "ranking.csv")
            #expect(rankingRows.header.first == "排名" && rankingRows.records.count == 4)
            #expect(try await office.get("/console/ranking.xlsx?year=2026", as: .orgdept).headers[.contentType]?.contains("spreadsheetml") == true)
            #expect(try await office.get("/console/ranking.xlsx?year=2019", as: .orgdept).status == .notFound)
            #expect(try await office.get("/console/ranking.csv", as: .hr).status == .forbidden)
        }
    }

    @Test("a session past its expiry, or of a deactivated account, leads back to the sign-in page")
    func expiry() async throws {
        try await Self.withOffice { office in
            let connection = try office.server.fixture.database.connect()
            #expect(try await office.get("/console/ranking", as: .orgdept).status == .ok)
            try connection.query(
                "UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE staff_id = (SELECT id FROM staff WHERE login = 'orgdept1')")
            #expect(try await office.get("/console/ranking", as: .orgdept).headers[.location] == "/console/login")
            #expect(try await office.get("/console/personnel", as: .hr).status == .ok)
            try connection.query("UPDATE staff SET active = false WHERE login = 'hr1'")
            #expect(try await office.get("/console/personnel", as: .hr).headers[.location] == "/console/login")
            #expect(try await office.get("/console", as: .admin).status == .ok)
        }
    }

    @Test("hostile values in every path and query parameter of the signed-in pages and forms: 4xx or a page, never a 5xx")
    func hostileParameters() async throws {
        try await Self.withOffice { office in
            let values = [
                "'; DROP TABLE chiefs; --", "1 OR 1=1", "%00", "%ZZ", "../../etc/passwd", String(repeating: "9", count: 400), "-1", "0",
                "2147483648", "１２３", "😀", "<svg onload=alert(1)>", "", "null",
            ]
            var statuses: [String: Int] = [:]
            for raw in values {
                let value = raw.hasPrefix("%") ? raw : raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let gets = [
                    "/console/campaigns/\(value)/confirm?action=close", "/console/campaigns/\(office.star.id)/confirm?action=\(value)",
                    "/console/ranking?year=\(value)", "/console/ranking?department=\(value)", "/console/chiefs/\(value)",
                    "/console/personnel?year=\(value)", "/console/personnel.csv?year=\(value)", "/console/clues?status=\(value)",
                ]
                for path in gets {
                    let status = try await office.get(path, as: .admin).status.code
                    #expect(status < 500, "GET \(path) → \(status)")
                    statuses["\(status)", default: 0] += 1
                }
                let posts: [(String, [(String, String)])] = [
                    ("/console/campaigns/\(value)/state", [("to", "closed")]), ("/console/campaigns/\(office.star.id)/state", [("to", raw)]),
                    ("/console/campaigns/\(value)/invitations", [("reissue", "none")]),
                    ("/console/campaigns/\(office.star.id)/invitations", [("reissue", raw)]),
                    ("/console/follow-ups/\(value)", [("status", "done"), ("note", raw)]), ("/console/clues/\(value)", [("status", "assigned")]),
                    ("/console/clues/\(office.clue.uuidString)", [("status", raw), ("note", raw)]),
                ]
                for (path, fields) in posts {
                    let status = try await office.post(path, fields, as: .admin).status.code
                    #expect(status < 500, "POST \(path) \(fields) → \(status)")
                    statuses["\(status)", default: 0] += 1
                }
            }
            #expect(statuses.keys.allSatisfy { ["200", "400", "404", "409", "422"].contains($0) }, "\(statuses)")
            #expect(try office.server.fixture.count("SELECT count(*) FROM campaigns WHERE id = \(office.star.id) AND state = 'open'") == 1)
            #expect(try office.server.fixture.count("SELECT count(*) FROM chiefs") == 4)
        }
    }

    @Test("the ranking dot plot: the data's own range, shares with their interval against the threshold, the bottom cut, 390 px")
    func dotPlot() throws {
        let policy = try ScoringPolicy.parse(try CountyFixture.shipped("policy.yaml"), file: "policy.yaml")
        func chief(
            _ number: String, rank: Int, composite: Double, unsatisfied: Int, of n: Int, flagged: Bool = false, bottom: Bool = false
        ) -> ChiefScore {
            // ChiefScore has no public memberwise initialiser: a minimal one from JSON, then filled in.
            let base =
                #"{"employeeNumber":"","name":"","departmentCode":"D","departmentName":"部门","section":"股","position":"股长","n":0,"#
                + #""counts":{},"unsatisfied":0,"ownAssessment":false,"components":[],"insufficientData":false,"bottom":false,"flags":[]}"#
            var score = try! JSONDecoder().decode(ChiefScore.self, from: Data(base.utf8))
            score.employeeNumber = number
            score.name = "股长\(number)"
            score.n = n
            score.unsatisfied = unsatisfied
            score.unsatisfiedShare = Double(unsatisfied) / Double(n)
            score.unsatisfiedInterval = WilsonInterval(successes: unsatisfied, trials: n)
            score.composite = composite
            score.rank = rank
            score.bottom = bottom
            if flagged { score.flags = [FlagEvidence(rule: "unsatisfiedShare", text: "不满意率达到认定线")] }
            return score
        }
        let scores = [
            chief("A", rank: 1, composite: 92.5, unsatisfied: 0, of: 20), chief("B", rank: 2, composite: 85, unsatisfied: 2, of: 20),
            chief("C", rank: 3, composite: 84.2, unsatisfied: 4, of: 8, bottom: true),
            chief("D", rank: 4, composite: 80.1, unsatisfied: 9, of: 20, flagged: true, bottom: true),
        ]
        let plot = RankingDotPlot(scores, policy: policy, wholeRanking: true)
        #expect(plot.rows.count == 4)
        // The axis is the data's range, 79–93, not 0–100: 92.5 and 85 are far apart.
        #expect(plot.scoreTicks.first?.label == "79" && plot.scoreTicks.last?.label == "93")
        #expect(plot.rows[0].dotX - plot.rows[1].dotX > 70)
        #expect(plot.rows.allSatisfy { $0.dotX >= RankingDotPlot.scoreStart && $0.dotX <= RankingDotPlot.scoreEnd })
        // The threshold 1/3 as a line; D (45%) right of it, B (10%) left; intervals around the share.
        let threshold = try #require(plot.threshold)
        #expect(threshold.label == "33.3%")
        #expect(plot.rows[3].shareX > threshold.x && plot.rows[1].shareX < threshold.x)
        #expect(plot.rows.allSatisfy { $0.lowX <= $0.shareX && $0.shareX <= $0.highX && $0.highX <= RankingDotPlot.shareEnd })
        // Fewer ballots, a wider interval: C has 8, B 20.
        #expect(plot.rows[2].highX - plot.rows[2].lowX > plot.rows[1].highX - plot.rows[1].lowX)
        #expect(plot.rows[3].color == RankingDotPlot.flaggedColor && plot.rows[0].color == RankingDotPlot.otherColor)
        // The bottom cut above C, the first chief at the bottom; none when a department is filtered.
        #expect(plot.bottomCutY == RankingDotPlot.top + 2 * RankingDotPlot.rowHeight)
        #expect(RankingDotPlot(scores, policy: policy, wholeRanking: false).bottomCutY == nil)
        // Drawn 380 units wide: a 390 px phone shows it at nearly full size (11-unit text stays ≥ 10 px).
        #expect(RankingDotPlot.width <= 380 && RankingDotPlot.shareEnd <= RankingDotPlot.width)
        #expect(plot.rows[0].title.contains("按票数推算大致在"))
    }

    @Test("问题台账: the list with days left, a problem's timeline (escaped), the month with its 约谈提醒, the quarter's chart; bad choices 4xx")
    func ledger() async throws {
        try await Self.withOffice { office in
            let store = ProblemStore(pool: office.server.fixture.pool)
            let calendar = try String(contentsOf: CountyFixture.repository.appendingPathComponent("calendars/2026.yaml"), encoding: .utf8)
            _ = try await store.importCalendar(calendar, file: "2026.yaml", actor: "test")
            func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }
            let done = try await store.add(
                channel: .hotline, environment: .government, description: Self.hostileClue, receivedOn: day("2026-03-02"), reporter: "张三",
                actor: "test")
            _ = try await store.assign(done.id, department: "SCJG", on: day("2026-03-02"), actor: "test")
            _ = try await store.reportDone(done.id, note: "已办", on: day("2026-03-05"), actor: "test")
            _ = try await store.verify(done.id, note: nil, on: day("2026-03-06"), actor: "test")
            let stuck = try await store.add(
                channel: .mailbox, environment: .legal, description: "久拖不办", receivedOn: day("2026-03-02"), reporter: nil, actor: "test")
            _ = try await store.assign(stuck.id, department: "SWJ", on: day("2026-03-02"), actor: "test")

            let list = try await office.get("/console/problems", as: .orgdept).text
            #expect(list.contains("/console/problems/\(stuck.id)") && list.contains("逾期") && list.contains("个工作日"))
            #expect(!list.contains(Self.hostileClue) && list.contains("&lt;script&gt;"))
            let overdue = try await office.get("/console/problems?overdue=1", as: .orgdept).text
            #expect(overdue.contains("/console/problems/\(stuck.id)") && !overdue.contains("/console/problems/\(done.id)\""))
            let detail = try await office.get("/console/problems/\(done.id)", as: .admin).text
            #expect(detail.contains("核查通过") && detail.contains("部门办结") && detail.contains("期限 2026-03-09") && !detail.contains(Self.hostileClue))
            let april = try await office.get("/console/problems/monthly?month=2026-04", as: .orgdept).text
            #expect(april.contains("约谈提醒") && april.contains("最长逾期"))
            let march = try await office.get("/console/problems/monthly.csv?month=2026-03", as: .admin)
            let rows = try CSVDocument.parse(Data(march.body.readableBytesView), file: "m.csv")
            #expect(rows.header.first == "部门" && rows.records.contains { $0.fields[1] == "1" && $0.fields[3] == "1" })
            let quarter = try await office.get("/console/problems/quarterly?year=2026&quarter=1", as: .orgdept).text
            #expect(quarter.contains("<circle class=\"score\"") && quarter.contains("100.00"))
            for (path, status) in [
                ("/console/problems/monthly?month=2026-13", HTTPResponse.Status.badRequest), ("/console/problems?state=lost", .badRequest),
                ("/console/problems?department=NOPE", .notFound), ("/console/problems/999999", .notFound), ("/console/problems/abc", .notFound),
                ("/console/problems/quarterly?quarter=5", .badRequest),
            ] {
                #expect(try await office.get(path, as: .admin).status == status, "\(path)")
            }
        }
    }

    @Test("the trend chart: one point per year, flagged years red, lowest score inside the plot")
    func trendChart() {
        let chart = TrendChart([(2024, 78.3, true), (2025, 64.9, true), (2026, nil, false), (2027, 91, false)])
        #expect(chart.points.map(\.year) == ["2024", "2025", "2027"])
        #expect(chart.points.map(\.color) == ["#b71c1c", "#b71c1c", "#1f2937"])
        #expect(chart.points.allSatisfy { $0.y >= 24 && $0.y <= 240 })
        #expect(chart.points[1].y > chart.points[0].y && chart.points[2].y < chart.points[0].y)
        #expect(chart.grid.first?.label == "50" && chart.grid.last?.label == "100")
        #expect(chart.polyline.split(separator: " ").count == 3)
    }
}
