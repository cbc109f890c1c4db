import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiConfiguration
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@testable import PingyiServer

@Suite("Merchant ballot")
struct MerchantBallotTests {
    static let huawei = "914403001922038216"

    static func validFields(csrf: String) -> [(String, String)] {
        [
            ("csrf", csrf), ("a.G0101.overall", "satisfied"), ("a.G0102.overall", "unsatisfied"), ("a.G0201.overall", "unknown"),
            ("a.G0102.comment", "窗口办事要跑三趟"), ("g.general_comment", "希望简化流程"),
        ]
    }

    @Test("the whole flow: link, cookie, form, submission, thanks, and no second ballot")
    func wholeFlow() async throws {
        try await ServerHarness.run { server in
            let token = server.merchantToken(Self.huawei)
            let opened = try await server.get("/s/\(token.text)")
            #expect(opened.status == .seeOther)
            #expect(opened.headers[.location] == "/s")
            let setCookie = try #require(opened.headers[.setCookie])
            #expect(setCookie.contains("pingyi_s=\(token.text)"))
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))  // survives a link clicked on another site
            #expect(setCookie.contains("Path=/s"))
            #expect(!setCookie.contains("Secure"))  // plain-HTTP test server

            let cookie = "pingyi_s=\(token.text)"
            let form = try await server.get("/s", cookie: cookie)
            #expect(form.status == .ok)
            for name in ["王芳", "李强", "赵敏", "县市场监督管理局", "县行政审批服务局", "登记注册股 · 股长", "满意", "不了解"] {
                #expect(form.text.contains(name), "\(name) on the ballot")
            }
            #expect(!form.text.contains("钱进"))  // a chief of a department this merchant did not deal with
            #expect(!form.text.contains(token.text))  // the token is in the cookie, never in the page

            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            #expect(csrf.count > 20)
            let submitted = try await server.post("/s", body: ServerHarness.encode(Self.validFields(csrf: csrf)), cookie: cookie)
            #expect(submitted.status == .seeOther)
            #expect(submitted.headers[.location] == "/s/thanks")
            // The cookie becomes the plain marker: Back to /s says 「已提交」, and the filled form
            // is not restored from Chromium's back/forward cache (a cookie changed).
            #expect(submitted.headers[.setCookie]?.hasPrefix("pingyi_s=submitted;") == true)
            #expect(try await server.get("/s/thanks").text.contains("提交成功"))
            let back = try await server.get("/s", cookie: "pingyi_s=submitted")
            #expect(back.status == .seeOther && back.headers[.location] == "/s/done")
            #expect(try await server.get("/s", cookie: cookie).headers[.location] == "/s/done")  // the old cookie too
            #expect(try await server.get("/s/done").text.contains("已提交，感谢参与"))

            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 1)
            #expect(try server.fixture.count("SELECT count(*) FROM invitations WHERE used_on IS NOT NULL") == 1)
            // Sealed: ciphertext of the padded size, which opens with the campaign's key to the answers.
            let sealed: Data = try server.fixture.database.connect().query("SELECT sealed FROM ballot_box")[0].decode("sealed")
            let length = try #require(
                try server.fixture.database.connect().query("SELECT ballot_length FROM campaigns WHERE id = \(server.merchantReview!.0.id)")[0]
                    .decode("ballot_length", as: Int?.self))
            #expect(sealed.count == 32 + length + 16)
            let stored = String(
                decoding: try CountyFixture.ballotKey.open(sealed, context: SealedBallot.context(campaignID: server.merchantReview!.0.id)),
                as: UTF8.self)
            #expect(stored.contains("G0102") && stored.contains("unsatisfied") && stored.contains("窗口办事要跑三趟"))
            #expect(!stored.contains(Self.huawei) && !stored.contains(token.text))

            let again = try await server.get("/s/\(token.text)")
            #expect(again.status == .seeOther && again.headers[.location] == "/s/done")
            let resubmit = try await server.post("/s", body: ServerHarness.encode(Self.validFields(csrf: csrf)), cookie: cookie)
            #expect(resubmit.status == .seeOther && resubmit.headers[.location] == "/s/done")
            // Posted again from Chromium's resubmission prompt, with the marker the submission left.
            let prompted = try await server.post("/s", body: ServerHarness.encode(Self.validFields(csrf: csrf)), cookie: "pingyi_s=submitted")
            #expect(prompted.status == .seeOther && prompted.headers[.location] == "/s/done")
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 1)
        }
    }

    /// 县档案局 with 30 chiefs, and 小米 dealing with it besides its own department.
    static func addArchives(_ fixture: CountyFixture) async throws {
        var roster = "部门代码,部门名称,股室,工号,姓名,职务\n"
        for index in 1...30 { roster += "DAJ,县档案局,第\(index)股,W\(1000 + index),档案股长\(index),股长\n" }
        _ = try await RosterStore(pool: fixture.pool).importRoster(RosterFormat.parse(Data(roster.utf8), file: "r.csv"), actor: "test")
        _ = try await RosterStore(pool: fixture.pool).importDealings(
            DealingFormat.parse(Data("统一社会信用代码,年度,部门代码\n91110108551385082Q,2026,DAJ\n".utf8), file: "d.csv"), actor: "test")
    }

    @Test("the longest ballot the form allows is accepted, and sealed to the same length as a short one")
    func longestBallot() async throws {
        // A merchant whose form lists 31 chiefs (the demo county's largest lists 20), every
        // comment box filled to its maxLength.
        let wide = "91110108551385082Q"
        try await ServerHarness.run(open: [.merchantReview], prepare: Self.addArchives) { server in
            let cookie = "pingyi_s=\(server.merchantToken(wide).text)"
            let form = try await server.get("/s", cookie: cookie)
            let chiefs = form.text.components(separatedBy: "name=\"a.").dropFirst().map { String($0.prefix { $0 != "." }) }
            let unique = Array(Set(chiefs)).sorted()
            #expect(unique.count == 31)  // SWJ's chief and the 30 of 县档案局
            var fields = [("csrf", try await server.csrf(path: "/s", cookie: cookie)), ("g.general_comment", String(repeating: "营", count: 1000))]
            for chief in unique {
                fields.append(("a.\(chief).overall", "unsatisfied"))
                fields.append(("a.\(chief).comment", String(repeating: "办", count: 300)))
            }
            let body = ServerHarness.encode(fields)
            #expect(body.utf8.count > 64 * 1024)  // what the fixed 64 KiB limit refused with 413
            let submitted = try await server.post("/s", body: body, cookie: cookie)
            #expect(submitted.status == .seeOther)
            // A short ballot of another merchant: the same ciphertext length.
            let other = "pingyi_s=\(server.merchantToken(Self.huawei).text)"
            let short = try await server.post(
                "/s", body: ServerHarness.encode(Self.validFields(csrf: try await server.csrf(path: "/s", cookie: other))), cookie: other)
            #expect(short.status == .seeOther)
            let lengths = try server.fixture.database.connect().query("SELECT DISTINCT octet_length(sealed) AS n FROM ballot_box").map {
                try $0.decode("n", as: Int.self)
            }
            #expect(lengths.count == 1, "\(lengths)")
            // A body larger than the longest ballot is still refused.
            let tooLong = try await server.post("/s", body: body + "&x=" + String(repeating: "a", count: 400_000), cookie: other)
            #expect(tooLong.status == .contentTooLarge)
        }
    }

    @Test("a letter's typed code: /s without a link asks for it; it opens the form, only its hash is stored, wrong codes are limited")
    func typedCode() async throws {
        try await ServerHarness.run { server in
            let token = server.merchantToken(Self.huawei)
            let code = InvitationCode(token: token)
            let stored: Data = try server.fixture.database.connect()
                .query("SELECT code_hash FROM invitations WHERE token_hash = \(token.hash)")[0].decode("code_hash")
            // Keyed: neither the code nor its plain SHA-256 is in the database.
            #expect(stored == CountyFixture.codeKey.mac(code) && stored != Data(code.text.utf8))
            #expect(stored != Data(SHA256.hash(data: Data(code.text.utf8))))
            let entry = try await server.get("/s")
            #expect(entry.status == .ok && entry.text.contains("输入邀请码") && entry.text.contains(#"action="/s/code""#))
            // As a person types it: lower case, with spaces instead of dashes.
            let typed = code.grouped.lowercased().replacingOccurrences(of: "-", with: " ")
            let opened = try await server.post("/s/code", body: ServerHarness.encode([("code", typed)]), cookie: nil)
            #expect(opened.status == .seeOther && opened.headers[.location] == "/s")
            let setCookie = try #require(opened.headers[.setCookie])
            #expect(setCookie.contains("pingyi_s=code:\(code.text)") && setCookie.contains("HttpOnly"))
            let form = try await server.get("/s", cookie: "pingyi_s=code:\(code.text)")
            #expect(form.status == .ok && form.text.contains("王芳"))
            // The code works as the link does: one ballot, submitted through the code's cookie.
            let csrf = try await server.csrf(path: "/s", cookie: "pingyi_s=code:\(code.text)")
            #expect(!csrf.isEmpty)
            // Wrong codes: the same page again (404), then the limit (5 in the harness) answers 429.
            for attempt in 0..<6 {
                let wrong = try await server.post(
                    "/s/code", body: ServerHarness.encode([("code", "2222-3333-444\(attempt % 10)")]), cookie: nil, from: "10.9.9.9")
                #expect(wrong.status == (attempt < 5 ? .notFound : .tooManyRequests), "attempt \(attempt)")
            }
            #expect(
                try await server.post("/s/code", body: ServerHarness.encode([("code", "O0I1L")]), cookie: nil, from: "10.9.9.8").status == .notFound)
        }
    }

    @Test("unknown, revoked and malformed tokens get the very same 404 page")
    func sameNotFound() async throws {
        try await ServerHarness.run { server in
            let campaign = server.merchantReview!.0
            let revoked = server.merchantToken("91110108551385082Q")
            _ = try await InvitationStoreProbe.reissue(server.fixture, campaign: campaign.id, respondent: "91110108551385082Q")
            let unknown = InvitationToken.random().text
            let bodies = try await [unknown, revoked.text, "short", "' OR 1=1--", String(repeating: "A", count: 200)].asyncMap { text in
                let response = try await server.get(
                    "/s/\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", from: "10.9.9.\(text.count)")
                #expect(response.status == .notFound)
                return response.text
            }
            #expect(Set(bodies).count == 1)
            #expect(bodies[0].contains("链接无效"))
        }
    }

    @Test("fifty simultaneous submissions of one invitation store exactly one ballot; the rest get 409")
    func fiftyAtOnce() async throws {
        try await ServerHarness.run { server in
            let token = server.merchantToken(Self.huawei)
            let cookie = "pingyi_s=\(token.text)"
            let body = ServerHarness.encode(Self.validFields(csrf: try await server.csrf(path: "/s", cookie: cookie)))
            let places = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await server.post("/s", body: body, cookie: cookie).headers[.location] }
                }
                var places: [String?] = []
                for try await place in group { places.append(place) }
                return places
            }
            #expect(places.filter { $0 == "/s/thanks" }.count == 1)
            #expect(places.filter { $0 == "/s/done" }.count == 49)
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 1)
        }
    }

    @Test("a correctable mistake comes back 422 with the answers kept and a message at the field")
    func correctableMistake() async throws {
        try await ServerHarness.run { server in
            let token = server.merchantToken(Self.huawei)
            let cookie = "pingyi_s=\(token.text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            let fields = [
                ("csrf", csrf), ("a.G0101.overall", "basic"), ("a.G0102.comment", String(repeating: "长", count: 301)),
                ("g.general_comment", "<script>alert('x')</script>"),
            ]
            let response = try await server.post("/s", body: ServerHarness.encode(fields), cookie: cookie)
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(page.contains("请选择「总体评价」"))  // G0102 and G0201 have no grade
            #expect(page.contains("不能超过 300 字（现有 301 字）"))
            #expect(page.contains(#"value="basic" class="counted" checked"#))  // the answer given is kept
            #expect(
                page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") || page.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")
                    || page.contains("&lt;script&gt;"))
            #expect(!page.contains("<script>"))
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM invitations WHERE used_on IS NOT NULL") == 0)
        }
    }

    @Test("a battery of bad forms: each a 4xx, nothing stored, the invitation still unused")
    func badForms() async throws {
        try await ServerHarness.run { server in
            let token = server.merchantToken(Self.huawei)
            let cookie = "pingyi_s=\(token.text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            let valid = ServerHarness.encode(Self.validFields(csrf: csrf))
            let nested = "csrf=\(csrf)&a" + String(repeating: "[b]", count: 500) + "=1"
            let cases: [(String, [UInt8], String, HTTPResponse.Status)] = [
                ("duplicate keys", Array((valid + "&a.G0101.overall=basic").utf8), "application/x-www-form-urlencoded", .badRequest),
                ("bad percent escape", Array((valid + "&g.general_comment=%ZZ").utf8), "application/x-www-form-urlencoded", .badRequest),
                ("nested keys 500 deep", Array(nested.utf8), "application/x-www-form-urlencoded", .badRequest),
                (
                    "grade not in the template", Array(valid.replacingOccurrences(of: "=satisfied", with: "=excellent").utf8),
                    "application/x-www-form-urlencoded", .unprocessableContent
                ),
                ("chief not on this ballot", Array((valid + "&a.G0301.overall=satisfied").utf8), "application/x-www-form-urlencoded", .badRequest),
                ("switched-off question", Array((valid + "&a.G0101.attitude=satisfied").utf8), "application/x-www-form-urlencoded", .badRequest),
                ("unknown field", Array((valid + "&admin=1").utf8), "application/x-www-form-urlencoded", .badRequest),
                (
                    "100 KiB comment", Array((valid + "&g.general_comment=" + String(repeating: "x", count: 100 * 1024)).utf8),
                    "application/x-www-form-urlencoded", .contentTooLarge
                ),
                ("invalid UTF-8", Array("csrf=\(csrf)&g.general_comment=".utf8) + [0xC3, 0x28], "application/x-www-form-urlencoded", .badRequest),
                ("percent-encoded invalid UTF-8", Array((valid + "&x=%C3%28").utf8), "application/x-www-form-urlencoded", .badRequest),
                ("empty body", [], "application/x-www-form-urlencoded", .forbidden),
                ("JSON body", Array(#"{"a.G0101.overall":"satisfied"}"#.utf8), "application/json", .unsupportedMediaType),
                (
                    "no anti-forgery token", Array(valid.replacingOccurrences(of: "csrf=\(csrf)&", with: "").utf8),
                    "application/x-www-form-urlencoded", .forbidden
                ),
                (
                    "forged anti-forgery token", Array(valid.replacingOccurrences(of: csrf, with: "AAAA" + csrf.dropFirst(4)).utf8),
                    "application/x-www-form-urlencoded", .forbidden
                ),
                (
                    "NUL in a comment", Array((valid.replacingOccurrences(of: "&g.general_comment=", with: "&g.general_comment=%00")).utf8),
                    "application/x-www-form-urlencoded", .unprocessableContent
                ),
            ]
            for (name, bytes, contentType, expected) in cases {
                let response = try await server.post("/s", bytes: bytes, cookie: cookie, contentType: contentType)
                #expect(response.status == expected, "\(name)")
                #expect((400..<500).contains(response.status.code), "\(name)")
            }
            let foreign = try await server.post("/s", body: valid, cookie: cookie, origin: "https://evil.example")
            #expect(foreign.status == .forbidden)
            let noCookie = try await server.post("/s", body: valid, cookie: nil)
            #expect(noCookie.status == .notFound)
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM invitations WHERE used_on IS NOT NULL") == 0)
            // And the invitation still works afterwards.
            #expect(try await server.post("/s", body: valid, cookie: cookie).status == .seeOther)
        }
    }

    /// Huawei's ballot cookie and a valid form body for it (`__Host-pingyi_s` under https).
    static func validForm(_ server: ServerHarness, cookieName: String = "pingyi_s") async throws -> (cookie: String, body: String) {
        let cookie = "\(cookieName)=\(server.merchantToken(Self.huawei).text)"
        return (cookie, ServerHarness.encode(Self.validFields(csrf: try await server.csrf(path: "/s", cookie: cookie))))
    }

    @Test("the Origin check compares origins as browsers send them: a mixed-case public host and its default port still match")
    func originCase() async throws {
        let configure: @Sendable (inout ServerConfiguration) -> Void = { $0.publicURL = "https://PingYi.Example.GOV:443/" }
        try await ServerHarness.run(configure: configure) { server in
            let (cookie, valid) = try await Self.validForm(server, cookieName: "__Host-pingyi_s")
            #expect(try await server.post("/s", body: valid, cookie: cookie, origin: "https://pingyi.example.gov:8443").status == .forbidden)
            #expect(try await server.post("/s", body: valid, cookie: cookie, origin: "http://pingyi.example.gov").status == .forbidden)
            #expect(try await server.post("/s", body: valid, cookie: cookie, origin: "https://pingyi.example.gov").status == .seeOther)
        }
    }

    @Test("Origin: null (a page under no-referrer) passes unless the browser says the POST is cross-site")
    func nullOrigin() async throws {
        try await ServerHarness.run { server in
            let (cookie, valid) = try await Self.validForm(server)
            for site in ["cross-site", "same-site", "none"] {
                #expect(try await server.post("/s", body: valid, cookie: cookie, origin: "null", fetchSite: site).status == .forbidden, "\(site)")
            }
            #expect(
                try await server.post("/s", body: valid, cookie: cookie, origin: "https://evil.example", fetchSite: "same-origin").status
                    == .forbidden)
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try await server.post("/s", body: valid, cookie: cookie, origin: "null", fetchSite: "same-origin").status == .seeOther)
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 1)
        }
    }

    @Test("the long ballot: jump links per department, 「已评 0 / N 位」, and an error summary naming each chief with links to the fields")
    func longBallot() async throws {
        try await ServerHarness.run { server in
            let token = server.merchantToken(Self.huawei)
            let cookie = "pingyi_s=\(token.text)"
            let form = try await server.get("/s", cookie: cookie).text
            #expect(form.contains(#"<nav class="contents""#) && form.contains(##"href="#d-"##))
            #expect(form.contains("已评 <span class=\"answered\"></span> / 3 位"))
            #expect(form.contains(#"aria-required="true""#))
            #expect(!form.contains("role=\"alert\""))
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            let half = try await server.post("/s", body: ServerHarness.encode([("csrf", csrf), ("a.G0101.overall", "satisfied")]), cookie: cookie)
            #expect(half.status == .unprocessableContent)
            #expect(half.headers[.cacheControl] == "no-store")  // Back after the next, good submission must not show it again
            let page = half.text
            #expect(page.components(separatedBy: "role=\"alert\"").count == 2, "only the summary is an alert")
            #expect(page.contains("有 2 处需要修改"))
            #expect(page.contains("李强（县市场监督管理局·"))
            #expect(page.contains(##"href="#f-a-G0102-overall-satisfied""##))
            #expect(page.contains(#"aria-invalid="true" aria-describedby="f-a-G0102-overall-err""#))
            #expect(page.contains(#"id="f-a-G0102-overall-err""#))
            #expect(page.contains(#"id="f-a-G0101-overall-satisfied" name="a.G0101.overall" value="satisfied" class="counted" checked"#))
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
        }
    }
}

/// Reissuing through the store, for tests that need a revoked token.
enum InvitationStoreProbe {
    static func reissue(_ fixture: CountyFixture, campaign: Int, respondent: String) async throws -> Int {
        try await PingyiStore.InvitationStore(pool: fixture.pool).issue(
            campaignID: campaign, codeKey: CountyFixture.codeKey, reissue: .respondents([respondent]), reason: "test", actor: "test"
        ).revoked
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
