import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

/// Garbage, injection and script probes against every input of the application.
@Suite("Hostile input")
struct HostileInputTests {
    /// Random form bodies: field names, repeated keys, raw bytes, huge values, broken escapes.
    static func garbage(_ random: inout SeededRandom, csrf: String) -> [UInt8] {
        var body: [UInt8] = []
        for index in 0..<Int.random(in: 0...6, using: &random) {
            if index > 0 { body.append(UInt8(ascii: "&")) }
            switch Int.random(in: 0...10, using: &random) {
            case 0: body += Array("a.G0101.overall=satisfied".utf8)
            case 1: body += Array("csrf=\(csrf)".utf8)
            case 2: body += (0..<Int.random(in: 1...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            case 3: body += Array("\(String(repeating: "x", count: Int.random(in: 1...3000, using: &random)))=1".utf8)
            case 4: body += Array("a[b][c]=1".utf8)
            case 5: body += Array("%\(["ZZ", "C3%28", "00", "FF", ""].randomElement(using: &random)!)=%E4%B8".utf8)
            case 6: body += Array("g.general_comment=\(String(repeating: "%E5%A5%BD", count: Int.random(in: 1...2000, using: &random)))".utf8)
            case 7: body += Array("a.G0101.overall=satisfied&a.G0101.overall=basic".utf8)
            case 8: body += Array("signed=1".utf8)
            case 9: body += Array("a.G0301.overall=unknown".utf8)
            default: body += Array("=&&==&".utf8)
            }
        }
        return body
    }

    @Test("200 generated garbage forms: every answer 4xx, never a 500, and nothing stored")
    func garbageForms() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let token = server.merchantToken("914403001922038216")
            let cookie = "pingyi_s=\(token.text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            var random = SeededRandom(seed: 20_261_128)
            var statuses: [Int: Int] = [:]
            for _ in 0..<200 {
                let body = Self.garbage(&random, csrf: csrf)
                let contentType = [
                    "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "text/plain", "multipart/form-data",
                ]
                .randomElement(using: &random)!
                let response = try await server.post("/s", bytes: body, cookie: cookie, contentType: contentType)
                statuses[response.status.code, default: 0] += 1
                #expect((400..<500).contains(response.status.code), "\(String(decoding: body.prefix(80), as: UTF8.self)) → \(response.status.code)")
            }
            #expect(statuses.keys.allSatisfy { $0 < 500 })
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM invitations WHERE used_on IS NOT NULL") == 0)
        }
    }

    @Test("SQL injection probes in every path parameter, query parameter and form field: 4xx, without delay")
    func injection() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let secret = try await APIKeyStore(pool: server.fixture.pool).create(role: .admin, name: "probe", actor: "test").1
            let api: HTTPFields = [.authorization: "Bearer \(secret)"]
            let apiJSON: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]
            let probes = ["' OR 1=1--", "'; SELECT pg_sleep(5)--", "1; DROP TABLE chiefs", "\" OR \"\"=\"", "1' AND SLEEP(5)#", "%27%20OR%201%3D1"]
            let token = server.merchantToken("914403001922038216")
            let cookie = "pingyi_s=\(token.text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            for probe in probes {
                let encoded = probe.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                var statuses: [Int] = []
                var slowest: Duration = .zero
                // Each request on its own: a pg_sleep(5) that ran would take at least 5 s.
                func timed(_ request: () async throws -> TestResponse) async throws {
                    let started = ContinuousClock.now
                    statuses.append(try await request().status.code)
                    slowest = max(slowest, ContinuousClock.now - started)
                }
                try await timed { try await server.get("/s/\(encoded)", from: "10.7.0.\(probes.firstIndex(of: probe)!)") }
                try await timed { try await server.get("/r/\(encoded)") }
                for uri in [
                    "/api/v1/appraisals/\(encoded)/scores", "/api/v1/chiefs/\(encoded)", "/api/v1/appraisals/2026/scores?run=\(encoded)",
                    "/api/v1/appraisals/2026/scores?department=\(encoded)&limit=\(encoded)", "/api/v1/appraisals/2026/comments?chief=\(encoded)",
                    "/api/v1/audit?since=\(encoded)", "/api/v1/appraisals/\(encoded)/personnel.csv",
                ] {
                    try await timed { try await server.client.execute(uri: uri, method: .get, headers: api) }
                }
                try await timed {
                    try await server.client.execute(
                        uri: "/api/v1/follow-ups/\(encoded)", method: .patch, headers: apiJSON,
                        body: ByteBuffer(string: #"{"status":"done","note":"\#(probe.replacingOccurrences(of: "\"", with: "\\\""))"}"#))
                }
                for field in ["a.G0101.overall", "a.G0101.comment", "g.general_comment", encoded, "csrf"] {
                    try await timed {
                        try await server.post(
                            "/s",
                            body: "csrf=\(csrf)&a.G0101.overall=satisfied&\(field)=\(encoded)".replacingOccurrences(
                                of: "csrf=\(csrf)&csrf=", with: "csrf="),
                            cookie: cookie)
                    }
                }
                #expect(slowest < .seconds(4), "\(probe): the slowest request took \(slowest)")
                #expect(statuses.allSatisfy { (400..<500).contains($0) || $0 == 200 }, "\(probe): \(statuses)")
                #expect(!statuses.contains { $0 >= 500 })
            }
            // The comment probes were valid text in a field that takes text: they may be stored, as text.
            #expect(try server.fixture.count("SELECT count(*) FROM chiefs") >= 4)
        }
    }

    @Test("a NUL in any text of the console or the API (PostgreSQL text cannot hold it) is 400 in Chinese, never a 500, and nothing is stored")
    func nulCharacters() async throws {
        try await ConsolePagesTests.withOffice { office in
            let server = office.server
            // Every console form with a text field, the NUL in that field.
            let followUp = try #require(try await FollowUpStore(pool: server.fixture.pool).list().first)
            let forms: [(String, [(String, String)])] = [
                ("/console/follow-ups/\(followUp.id)", [("status", "done"), ("note", "已谈\u{0}话")]),
                ("/console/clues/\(office.clue.uuidString)", [("status", "resolved"), ("note", "已办\u{0}结")]),
                ("/console/campaigns/\(office.star.id)/invitations", [("reissue", "all"), ("reason", "测\u{0}试")]),
                ("/console/campaigns/\(office.star.id)/state", [("to", "closed\u{0}")]),
                ("/console/password", [("current", "password-admin1\u{0}"), ("password", "a-new-password-2"), ("again", "a-new-password-2")]),
            ]
            for (path, fields) in forms {
                let response = try await office.post(path, fields, as: .admin)
                #expect(response.status == .badRequest, "POST \(path) → \(response.status)")
                #expect(response.text.contains("控制字符"), "POST \(path)")
            }
            try ConsolePagesTests.expectUntouched(office)
            // The sign-in form: the login and the password.
            for (login, password) in [("admin1\u{0}", "password-admin1"), ("ad\u{0}min1", "x"), ("admin1", "password-admin1\u{0}tail")] {
                let form = try await SecurityHardeningTests.loginForm(server)
                let response = try await server.post(
                    "/console/login", body: ServerHarness.encode([("csrf", form.csrf), ("login", login), ("password", password)]),
                    cookie: form.cookie)
                #expect(response.status == .badRequest, "\(login.debugDescription) → \(response.status)")
                #expect(response.text.contains("控制字符") && response.headers[.setCookie]?.contains("pingyi_console=") != true)
            }
            // The API: a JSON body, query and path parameters.
            let secret = try await APIKeyStore(pool: server.fixture.pool).create(role: .admin, name: "probe", actor: "test").1
            let patch = try await server.client.execute(
                uri: "/api/v1/follow-ups/\(followUp.id)", method: .patch,
                headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"status":"done","note":"已谈\u0000话"}"#))
            #expect(patch.status == .badRequest && patch.text.contains("控制字符"), "\(patch.status) \(patch.text)")
            for uri in [
                "/api/v1/problems?department=%00", "/api/v1/problems?department=SWJ%00&state=received",
                "/api/v1/appraisals/2026/scores?department=%00",
                "/api/v1/appraisals/2026/comments?chief=%00", "/api/v1/audit?since=%00",
            ] {
                let response = try await server.client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(secret)"])
                #expect(response.status == .badRequest && response.text.contains("控制字符"), "GET \(uri) → \(response.status) \(response.text)")
            }
            for uri in ["/console/problems?department=%00", "/console/ranking?department=%00", "/console/clues?status=new%00"] {
                let response = try await office.get(uri, as: .admin)
                #expect(response.status == .badRequest && response.text.contains("控制字符"), "GET \(uri) → \(response.status)")
            }
            // The router does not percent-decode path parameters: %00 there is text, and not found.
            #expect(
                try await server.client.execute(uri: "/api/v1/chiefs/G01%0001", method: .get, headers: [.authorization: "Bearer \(secret)"]).status
                    == .notFound)
            #expect(try await office.get("/console/chiefs/G01%0001", as: .admin).status == .notFound)
            #expect(try server.fixture.count("SELECT count(*) FROM follow_ups WHERE status <> 'pending'") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM audit_log WHERE actor LIKE 'api:%'") == 0)
        }
    }

    @Test("names and comments holding markup come back escaped on every page")
    func escaping() async throws {
        try await ServerHarness.run(open: [.merchantReview, .starRating]) { server in
            let connection = try server.fixture.database.connect()
            try connection.query("UPDATE chiefs SET name = '<script>alert(1)</script>' WHERE employee_number = 'G0101'")
            try connection.query("UPDATE departments SET name = '<img src=x onerror=alert(2)>' WHERE code = 'SCJG'")
            let merchant = "pingyi_s=\(server.merchantToken("914403001922038216").text)"
            let supervisor = "pingyi_r=\(server.supervisorToken("JD001").text)"
            for (path, cookie) in [("/s", merchant), ("/r", supervisor)] {
                let page = try await server.get(path, cookie: cookie).text
                #expect(!page.contains("<script>alert(1)</script>"), "\(path)")
                #expect(!page.contains("<img src=x"), "\(path)")
                #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"), "\(path) shows the department, escaped")
                if path == "/s" { #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")) }
            }
            let csrf = try await server.csrf(path: "/s", cookie: merchant)
            let reply = try await server.post(
                "/s", body: ServerHarness.encode([("csrf", csrf), ("a.G0102.comment", "\"><svg onload=alert(3)>")]), cookie: merchant)
            #expect(reply.status == .unprocessableContent)
            #expect(!reply.text.contains("<svg onload"))
            #expect(reply.text.contains("&quot;&gt;&lt;svg onload=alert(3)&gt;"))
        }
    }
}
