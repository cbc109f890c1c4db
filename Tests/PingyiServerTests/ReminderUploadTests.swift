import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiConfiguration
import PingyiCore
import PingyiStore
import PingyiTestSupport
import PingyiWorkflows
import Testing

@testable import PingyiServer

/// The reminder upload: the session is checked before the body is read, the limit fits a
/// county's links file, and an SMS too long for one message is refused before anything is recorded.
@Suite("Reminder uploads")
struct ReminderUploadTests {
    static let boundary = "pingyi-test-boundary"

    static func part(_ name: String, _ value: String, file: String? = nil) -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\(file.map { "; filename=\"\($0)\"" } ?? "")\r\n\r\n\(value)\r\n"
    }

    /// A public URL of 34 characters: every SMS would be longer than one message.
    static func longPublicURL(_ configuration: inout ServerConfiguration) {
        configuration.publicURL = "http://pingyi.qinghe-county.gov.cn"
    }

    @Test("an SMS over 70 characters (a long public URL) is a 422 naming the longest URL; nothing is audited")
    func longSMS() async throws {
        try await ServerHarness.run(open: [.merchantReview], configure: Self.longPublicURL) { server in
            try await ConsoleTests.account(server, "admin1", .admin, password: "password-admin1", mustChange: false)
            let cookie = try #require(try await ConsoleTests.signIn(server, login: "admin1", password: "password-admin1").0)
            let csrf = try await server.csrf(path: "/console/personnel", cookie: cookie)
            let token = server.merchantToken(MerchantBallotTests.huawei)
            let csv = "统一社会信用代码,企业名称,联系电话,评议链接\n\(MerchantBallotTests.huawei),华为,13800000000,https://x/s/\(token.text)\n"
            let campaign = server.merchantReview!.0.id
            let body = Self.part("csrf", csrf) + Self.part("links", csv, file: "links.csv") + Self.part("format", "sms") + "--\(Self.boundary)--\r\n"
            let response = try await server.post(
                "/console/campaigns/\(campaign)/remind", body: body, cookie: cookie, contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("短信过长") && response.text.contains("最长 \(LetterWorkflow.longestPublicURL()) 个字符"))
            #expect(try server.fixture.count("SELECT count(*) FROM audit_log WHERE action = 'invitations.remind'") == 0)
            #expect(LetterWorkflow.longestPublicURL() == 22)
        }
    }

    @Test("an empty or over-long multipart boundary (MultipartKit stops the process on an empty one) is a 400, and the server goes on")
    func emptyBoundary() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            try await ConsoleTests.account(server, "admin1", .admin, password: "password-admin1", mustChange: false)
            let cookie = try #require(try await ConsoleTests.signIn(server, login: "admin1", password: "password-admin1").0)
            let campaign = server.merchantReview!.0.id
            for type in [
                "multipart/form-data; boundary=", #"multipart/form-data; boundary="""#,
                "multipart/form-data; boundary=" + String(repeating: "b", count: 71),
            ] {
                let response = try await server.post("/console/campaigns/\(campaign)/remind", body: "--\r\n", cookie: cookie, contentType: type)
                #expect(response.status == .badRequest && response.text.contains("无法识别提交的内容"), "\(type)")
            }
            #expect(try await server.get("/console", cookie: cookie).status == .ok)
        }
    }

    @Test("no reminder for a campaign that takes no more ballots: 409, nothing made, nothing audited")
    func closedCampaign() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            try await ConsoleTests.account(server, "admin1", .admin, password: "password-admin1", mustChange: false)
            let cookie = try #require(try await ConsoleTests.signIn(server, login: "admin1", password: "password-admin1").0)
            let csrf = try await server.csrf(path: "/console/personnel", cookie: cookie)
            let campaign = server.merchantReview!.0.id
            _ = try await CampaignStore(pool: server.fixture.pool).transition(id: campaign, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            let token = server.merchantToken(MerchantBallotTests.huawei)
            let csv = "统一社会信用代码,企业名称,联系电话,评议链接\n\(MerchantBallotTests.huawei),华为,13800000000,https://x/s/\(token.text)\n"
            let body =
                Self.part("csrf", csrf) + Self.part("links", csv, file: "links.csv") + Self.part("format", "letters") + "--\(Self.boundary)--\r\n"
            let response = try await server.post(
                "/console/campaigns/\(campaign)/remind", body: body, cookie: cookie, contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(response.status == .conflict && response.text.contains("活动已结束，不再接受提交，不能再发送提醒"))
            #expect(try server.fixture.count("SELECT count(*) FROM audit_log WHERE action = 'invitations.remind'") == 0)
        }
    }

    @Test("an SMS is counted as the platforms count it: combining marks too")
    func combiningMarks() throws {
        let identity = CountyIdentity(
            countyName: "清河县", officeName: "清河县优化营商环境建设办公室", officeShortName: "县" + String(repeating: "\u{0301}", count: 50),
            consultPhone: "0315-5550100", supervisePhone: "0315-5550199", seal: "清河县")
        let template = try SurveyTemplate.parse(try CountyFixture.shipped("merchant-review.yaml"), file: "merchant-review.yaml")
        let campaign = Campaign(
            id: 1, year: 2026, kind: .merchantReview, state: .open, template: template, templateSHA256: "", opensAt: nil, closesAt: nil)
        let token = InvitationToken.random()
        let row = LinksFile.Row(key: "k", name: "华为", phone: "13800000000", link: "http://127.0.0.1:8080/s/\(token.text)", token: token)
        #expect(throws: WorkflowError.self) { try LetterWorkflow.sms([row], campaign: campaign, identity: identity) }
        #expect(throws: NoticeError.docNumberTooLong(40)) { try Notice.docNumber("a" + String(repeating: "\u{0301}", count: 100)) }
        #expect(throws: NoticeError.docNumberCharacters) { try Notice.docNumber("清营商办\u{202E}12号") }
    }

    @Test("a links file that repeats one link makes one letter")
    func repeatedLink() throws {
        let token = InvitationToken.random().text
        let csv = "统一社会信用代码,企业名称,评议链接\n" + String(repeating: "914403001922038216,华为,http://x/s/\(token)\n", count: 500)
        let file = try LinksFile.parse(Data(csv.utf8), file: "a.csv", kind: .merchantReview, publicURL: "http://127.0.0.1:8080")
        #expect(file.rows.count == 1)
    }

    @Test("without a session a 5 MiB upload is sent to the sign-in page unread; with one, more than 1 MiB is 413")
    func sessionFirst() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let campaign = server.merchantReview!.0.id
            let big = Self.part("links", String(repeating: "x", count: 5 << 20), file: "links.csv") + "--\(Self.boundary)--\r\n"
            let anonymous = try await server.post(
                "/console/campaigns/\(campaign)/remind", body: big, cookie: nil, contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/console/login") == true)
            try await ConsoleTests.account(server, "admin1", .admin, password: "password-admin1", mustChange: false)
            let cookie = try #require(try await ConsoleTests.signIn(server, login: "admin1", password: "password-admin1").0)
            let tooBig = Self.part("links", String(repeating: "x", count: 1 << 20), file: "links.csv") + "--\(Self.boundary)--\r\n"
            let refused = try await server.post(
                "/console/campaigns/\(campaign)/remind", body: tooBig, cookie: cookie, contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(refused.status == .contentTooLarge)
        }
    }
}
