import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Office console")
struct ConsoleTests {
    /// Signs in; returns the session cookie (or nil) and the response.
    static func signIn(_ server: ServerHarness, login: String, password: String) async throws -> (String?, TestResponse) {
        let page = try await server.get("/console/login")
        let nonce = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let csrf = String(page.text[page.text.range(of: #"name="csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
        let response = try await server.post(
            "/console/login", body: ServerHarness.encode([("csrf", csrf), ("login", login), ("password", password)]), cookie: nonce)
        let session = response.headers[.setCookie].flatMap { $0.hasPrefix("pingyi_console=") ? String($0.split(separator: ";")[0]) : nil }
        return (session, response)
    }

    /// An account; a 部门联络员 is SCJG's unless `department` says otherwise.
    static func account(
        _ server: ServerHarness, _ login: String, _ role: APIRole, password: String, mustChange: Bool, department: String = "SCJG"
    ) async throws {
        _ = try await StaffStore(pool: server.fixture.pool).create(
            login: login, name: "<b>\(login)</b>", role: role, department: role == .department ? department : nil,
            passwordHash: Bcrypt.hash(password, cost: 4), actor: "test")
        if !mustChange {
            try server.fixture.database.connect().query("UPDATE staff SET must_change_password = false WHERE login = \(login)")
        }
    }

    @Test("sign-in: wrong password 401, first sign-in must change the password, then the progress page; sign-out ends the session")
    func signInFlow() async throws {
        try await ServerHarness.run { server in
            try await Self.account(server, "office", .admin, password: "initial-pass-1", mustChange: true)
            let (none, wrong) = try await Self.signIn(server, login: "office", password: "nope")
            #expect(wrong.status == .unauthorized)
            #expect(none == nil)
            #expect(wrong.text.contains("登录名或密码错误"))
            let (unknownSession, unknown) = try await Self.signIn(server, login: "ghost", password: "x")
            #expect(unknown.status == .unauthorized)
            #expect(unknownSession == nil)

            let (session, ok) = try await Self.signIn(server, login: "office", password: "initial-pass-1")
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/console/password")
            let cookie = try #require(session)
            #expect(ok.headers[.setCookie]?.contains("HttpOnly") == true && ok.headers[.setCookie]?.contains("SameSite=Strict") == true)
            #expect(try await server.get("/console", cookie: cookie).headers[.location] == "/console/password")

            let form = try await server.get("/console/password", cookie: cookie)
            let csrf = String(form.text[form.text.range(of: #"name="csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
            let short = try await server.post(
                "/console/password", body: ServerHarness.encode([("csrf", csrf), ("password", "short"), ("again", "short")]), cookie: cookie)
            #expect(short.status == .unprocessableContent)
            let forged = try await server.post(
                "/console/password", body: ServerHarness.encode([("csrf", "x"), ("password", "a-new-password-2"), ("again", "a-new-password-2")]),
                cookie: cookie)
            #expect(forged.status == .forbidden)
            let changed = try await server.post(
                "/console/password", body: ServerHarness.encode([("csrf", csrf), ("password", "a-new-password-2"), ("again", "a-new-password-2")]),
                cookie: cookie)
            #expect(changed.status == .seeOther)

            let progress = try await server.get("/console", cookie: cookie)
            #expect(progress.status == .ok)
            #expect(progress.text.contains("活动进度"))
            #expect(progress.text.contains("客商评议股室长"))
            // No department has 5 answers yet: none is shown by name with its figures.
            #expect(!progress.text.contains("县市场监督管理局") && progress.text.contains("已提交不足 5 份"))
            #expect(progress.text.contains("&lt;b&gt;office&lt;/b&gt;"))  // the name is escaped
            #expect(!progress.text.contains("<b>office</b>"))

            let logout = try await server.post("/console/logout", body: "csrf=\(csrf)", cookie: cookie)
            #expect(logout.status == .seeOther)
            #expect(try await server.get("/console", cookie: cookie).headers[.location] == "/console/login")
            #expect(try server.fixture.count("SELECT count(*) FROM audit_log WHERE action = 'staff.signin'") == 1)
        }
    }

    @Test("pages by role: admin everything, orgdept the ranking only, hr neither (/console leads each to its home); no session is sent to sign in")
    func roles() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            try await APITests.publishedYear(server)
            for (login, role) in [("admin1", APIRole.admin), ("org1", .orgdept), ("hr1", .hr)] {
                try await Self.account(server, login, role, password: "password-\(login)", mustChange: false)
            }
            var cookies: [String: String] = [:]
            for login in ["admin1", "org1", "hr1"] {
                cookies[login] = try #require(try await Self.signIn(server, login: login, password: "password-\(login)").0)
            }
            let expected: [(String, String, HTTPResponse.Status)] = [
                ("/console", "admin1", .ok), ("/console/ranking", "admin1", .ok),
                ("/console", "org1", .seeOther), ("/console/ranking", "org1", .ok),  // /console: on to its home page
                ("/console", "hr1", .seeOther), ("/console/ranking", "hr1", .forbidden),
            ]
            for (path, login, status) in expected {
                #expect(try await server.get(path, cookie: cookies[login]).status == status, "\(path) as \(login)")
            }
            #expect(try await server.get("/console").status == .seeOther)
            #expect(try await server.get("/console/ranking", cookie: "pingyi_console=forged").headers[.location] == "/console/login")
            let ranking = try await server.get("/console/ranking", cookie: cookies["org1"])
            #expect(ranking.text.contains("<svg class=\"chart\""))
            #expect(ranking.text.contains("#b71c1c"))  // a flagged chief's bar
            #expect(ranking.text.contains("正式结果"))
        }
    }

    @Test("sign-in without the form's anti-forgery token is refused; repeated failures are rate-limited")
    func forgeryAndRateLimit() async throws {
        try await ServerHarness.run(open: []) { server in
            try await Self.account(server, "office", .admin, password: "initial-pass-1", mustChange: false)
            let noToken = try await server.post("/console/login", body: "login=office&password=initial-pass-1", cookie: "pingyi_login=abc")
            #expect(noToken.status == .forbidden)
            var statuses: [HTTPResponse.Status] = []
            // Twelve logins from one address (one login would be slowed down by the per-login throttle first).
            for index in 0..<12 { statuses.append(try await Self.signIn(server, login: "office\(index)", password: "wrong").1.status) }
            #expect(statuses.prefix(10).allSatisfy { $0 == .unauthorized })
            #expect(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })
            #expect(try await Self.signIn(server, login: "office", password: "initial-pass-1").1.status == .tooManyRequests)
        }
    }
}
