import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PingyiConfiguration
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@testable import PingyiServer

@Suite("Hardening and health")
struct HardeningTests {
    @Test("security headers on every page, the 404 page included")
    func securityHeaders() async throws {
        try await ServerHarness.run { server in
            for uri in ["/s/\(InvitationToken.random().text)", "/nowhere", "/s/thanks", "/healthz"] {
                let response = try await server.get(uri, from: "10.1.1.1")
                let csp = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("script-src"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.init("Referrer-Policy")!] == "same-origin")
            }
            let missing = try await server.get("/nowhere")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("页面不存在") && missing.text.contains("邀请链接") && !missing.text.contains("返回控制台"))
            // A form's address opened again (a reload, a bookmark) is the console's own 404, with a way back.
            let stale = try await server.get("/console/campaigns/1/state")
            #expect(stale.status == .notFound || stale.status == .methodNotAllowed)
            #expect(stale.text.contains("返回控制台") && !stale.text.contains("邀请链接"))
        }
    }

    @Test("failed look-ups from one address turn into 429; a real token from another still works")
    func rateLimited() async throws {
        try await ServerHarness.run { server in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<8 {
                statuses.append(try await server.get("/s/\(InvitationToken.random().text)", from: "203.0.113.7").status)
            }
            #expect(statuses == Array(repeating: .notFound, count: 5) + Array(repeating: .tooManyRequests, count: 3))
            let blockedReal = try await server.get("/s/\(server.merchantToken(MerchantBallotTests.huawei).text)", from: "203.0.113.7")
            #expect(blockedReal.status == .tooManyRequests)
            let elsewhere = try await server.get("/s/\(server.merchantToken(MerchantBallotTests.huawei).text)", from: "198.51.100.2")
            #expect(elsewhere.status == .seeOther)
        }
    }

    @Test("a planned campaign starts and stops at its times by itself, the same after a restart: nothing runs in the background")
    func scheduleAcrossRestart() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let connection = try server.fixture.database.connect()
            let campaign = server.merchantReview!.0.id
            let link = "/s/\(server.merchantToken(MerchantBallotTests.huawei).text)"
            try connection.query(
                "UPDATE campaigns SET opens_at = now() + interval '1 hour', closes_at = now() + interval '2 hours' WHERE id = \(campaign)")
            #expect(try await server.get(link).status == .forbidden)  // planned, not yet
            // A second process on the same database (a restart, or another node), after the opening time.
            try connection.query("UPDATE campaigns SET opens_at = now() - interval '1 minute' WHERE id = \(campaign)")
            var configuration = ServerConfiguration(
                conninfo: TestDatabase.serverConninfo, database: server.fixture.database.name, poolSize: 2,
                formSecret: Data("test-form-secret-0123456789".utf8))
            configuration.maxFailedLookups = 5
            let restarted = try await buildApplication(configuration, logger: ServerHarness.quietLogger)
            try await restarted.test(.router) { client in
                #expect(try await client.execute(uri: link, method: .get).status == .seeOther)
                try connection.query("UPDATE campaigns SET closes_at = now() - interval '1 second' WHERE id = \(campaign)")
                #expect(try await client.execute(uri: link, method: .get).status == .gone)  // closed at its time
            }
            // The campaign is still open in the ledger of states: closing and counting wait for the office's key.
            #expect(try await CampaignStore(pool: server.fixture.pool).find(id: campaign)?.state == .open)
            #expect(try await server.get(link).status == .gone)  // the first process agrees
        }
    }

    @Test("a campaign not yet open and a closed one have their own pages")
    func campaignStates() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let draft = try await server.fixture.campaign(.starRating)
            let issued = try await InvitationStore(pool: server.fixture.pool).issue(
                campaignID: draft.id, codeKey: CountyFixture.codeKey, actor: "test"
            ).issued
            let notYet = try await server.get("/r/\(issued[0].token.text)")
            #expect(notYet.status == .forbidden)
            #expect(notYet.text.contains("评议尚未开始"))
            _ = try await CampaignStore(pool: server.fixture.pool).transition(
                id: server.merchantReview!.0.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            let token = server.merchantToken(MerchantBallotTests.huawei)
            let closed = try await server.get("/s/\(token.text)")
            #expect(closed.status == .gone)
            #expect(closed.text.contains("评议已结束"))
            let late = try await server.post("/s", body: "csrf=x", cookie: "pingyi_s=\(token.text)")
            #expect((400..<500).contains(late.status.code))
        }
    }

    @Test("planned dates: the closing time is on the ballot and ends submissions by itself; before the opening time the page names it")
    func plannedDates() async throws {
        try await ServerHarness.run { server in
            let campaign = server.merchantReview!.0.id
            let connection = try server.fixture.database.connect()
            // 2026-12-31 10:00 UTC is 18:00 China Standard Time.
            _ = try connection.query("UPDATE campaigns SET closes_at = '2099-12-31 10:00+00' WHERE id = \(campaign)")
            let token = server.merchantToken(MerchantBallotTests.huawei)
            let cookie = "pingyi_s=\(token.text)"
            #expect(try await server.get("/s", cookie: cookie).text.contains("请于 2099年12月31日 18:00 前提交"))
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            let valid = ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf))

            _ = try connection.query("UPDATE campaigns SET closes_at = now() - interval '1 minute' WHERE id = \(campaign)")
            #expect(try await server.get("/s/\(token.text)").status == .gone)
            #expect(try await server.get("/s", cookie: cookie).status == .gone)
            let late = try await server.post("/s", body: valid, cookie: cookie)
            #expect(late.status == .gone)
            #expect(late.text.contains("评议已结束"))
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM invitations WHERE used_on IS NOT NULL") == 0)

            _ = try connection.query(
                "UPDATE campaigns SET opens_at = '2099-03-01 01:30+00', closes_at = '2099-12-31 10:00+00' WHERE id = \(campaign)")
            let early = try await server.get("/s/\(token.text)")
            #expect(early.status == .forbidden)
            #expect(early.text.contains("本次评议将于 2099年3月1日 9:30 开始"))
            #expect(try await server.post("/s", body: valid, cookie: cookie).status == .forbidden)
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)

            _ = try connection.query("UPDATE campaigns SET opens_at = NULL WHERE id = \(campaign)")
            #expect(try await server.post("/s", body: valid, cookie: cookie).status == .seeOther)
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 1)
        }
    }

    @Test("/readyz answers 503 within its timeout when the database accepts connections and never answers")
    func readinessTimeout() async throws {
        let server = try await SilentServer.start()
        var configuration = ServerConfiguration(conninfo: server.conninfo, poolSize: 2)
        configuration.readinessTimeout = .seconds(1)
        let application = try await buildApplication(configuration, logger: ServerHarness.quietLogger)
        try await application.test(.router) { client in
            let started = ContinuousClock.now
            let response = try await client.execute(uri: "/readyz", method: .get)
            let took = ContinuousClock.now - started
            #expect(response.status == .serviceUnavailable)
            // Before the fix, a 1 s timeout took 4 s: the task group waited for the hung probe.
            #expect(took < .seconds(2.5), "took \(took)")
        }
        await server.stop()
    }

    @Test("health: /healthz and /readyz answer 200 with a database")
    func health() async throws {
        try await ServerHarness.run(open: []) { server in
            #expect(try await server.get("/healthz").text == "ok\n")
            let ready = try await server.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.text == "ready\n")
        }
    }

    @Test("without a database: /readyz is 503 and a ballot link is a 503 page, never a 500")
    func databaseDown() async throws {
        let configuration = ServerConfiguration(conninfo: "host=/nonexistent/pingyi port=1 connect_timeout=2", poolSize: 2)
        let application = try await buildApplication(configuration, logger: ServerHarness.quietLogger)
        try await application.test(.router) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .serviceUnavailable)
            let page = try await client.execute(uri: "/s/\(InvitationToken.random().text)", method: .get)
            #expect(page.status == .serviceUnavailable)
            #expect(String(buffer: page.body).contains("系统繁忙"))
        }
    }

    @Test("a ballot posted while the database is unreachable comes back as a 503 page that posts the same answers again")
    func ballotRetryPage() async throws {
        var configuration = ServerConfiguration(conninfo: "host=/nonexistent/pingyi port=1 connect_timeout=2", poolSize: 2)
        configuration.formSecret = Data(repeating: 7, count: 32)
        let application = try await buildApplication(configuration, logger: ServerHarness.quietLogger)
        let token = InvitationToken.random()
        let csrf = AntiForgery(secret: configuration.formSecret).token(for: token.hash, grant: nil)
        try await application.test(.router) { client in
            let response = try await client.execute(
                uri: "/s", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "pingyi_s=\(token.text)"],
                body: ByteBuffer(string: "csrf=\(csrf)&q1_7=5&comment=%E5%A5%BD%22%3E%3Cb%3E"))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            #expect(response.headers[.cacheControl] == "no-store")
            let html = String(buffer: response.body)
            #expect(html.contains("<form method=\"post\" action=\"/s\""))
            #expect(html.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">"))
            #expect(html.contains("<input type=\"hidden\" name=\"q1_7\" value=\"5\">"))
            // The merchant's text comes back escaped, never as markup.
            #expect(html.contains("value=\"好&quot;&gt;&lt;b&gt;\""))
            #expect(html.contains("重新提交"))
        }
    }
}
