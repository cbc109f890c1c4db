import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiStore
import PingyiTally
import PingyiTestSupport
import Testing

@Suite("The joint count in the console")
struct ConsoleJointCountTests {
    static func upload(_ server: ServerHarness, campaign: Int, share: String, cookie: String, csrf: String) async throws -> TestResponse {
        let body =
            ReminderUploadTests.part("csrf", csrf) + ReminderUploadTests.part("share", share, file: "share.txt")
            + "--\(ReminderUploadTests.boundary)--\r\n"
        return try await server.post(
            "/console/campaigns/\(campaign)/count", body: body, cookie: cookie,
            contentType: "multipart/form-data; boundary=\(ReminderUploadTests.boundary)")
    }

    @Test("the clerk makes the ceremony, downloads each share, opens; closes; the office and the 组织部 upload two shares and the count is done")
    func clerkAndTrustees() async throws {
        try await ServerHarness.run(open: []) { server in
            try await ConsoleTests.account(server, "clerk", .admin, password: "password-clerk1", mustChange: false)
            try await ConsoleTests.account(server, "zuzhibu", .orgdept, password: "password-zuzhibu", mustChange: false)
            let clerk = try #require(try await ConsoleTests.signIn(server, login: "clerk", password: "password-clerk1").0)
            let created = try await server.fixture.campaign(.merchantReview)
            let issued = try await InvitationStore(pool: server.fixture.pool).issue(
                campaignID: created.id, codeKey: CountyFixture.codeKey, actor: "test"
            ).issued
            let base = "/console/campaigns/\(created.id)"

            // The open confirmation offers the joint count; its form suggests three units, two needed.
            #expect(try await server.get("\(base)/confirm?action=open", cookie: clerk).text.contains("\(base)/joint"))
            let form = try await server.get("\(base)/joint", cookie: clerk)
            #expect(form.status == .ok && form.text.contains("县纪委监委") && form.text.contains(#"<option value="2" selected>"#))
            let csrf = try await server.csrf(path: "\(base)/joint", cookie: clerk)
            // One unit is not a joint count: refused, nothing made.
            let one = try await server.post(
                "\(base)/joint", body: ServerHarness.encode([("csrf", csrf), ("trustee1", "县营商办"), ("quorum", "1")]), cookie: clerk)
            #expect(one.status == .unprocessableContent)
            let made = try await server.post(
                "\(base)/joint",
                body: ServerHarness.encode([
                    ("csrf", csrf), ("trustee1", "县营商办"), ("trustee2", "县纪委监委"), ("trustee3", "县委组织部"), ("quorum", "2"),
                ]), cookie: clerk)
            #expect(made.status == .seeOther)
            // Opening before every file is downloaded is refused.
            #expect(try await server.post("\(base)/joint/open", body: ServerHarness.encode([("csrf", csrf)]), cookie: clerk).status == .conflict)
            var files: [String] = []
            for index in 1...3 {
                let file = try await server.get("\(base)/joint/shares/\(index)", cookie: clerk)
                #expect(file.status == .ok && file.headers[.contentDisposition]?.contains("attachment") == true)
                files.append(file.text)
            }
            #expect(try await server.get("\(base)/joint", cookie: clerk).text.contains("✓ 已下载"))
            let opened = try await server.post("\(base)/joint/open", body: ServerHarness.encode([("csrf", csrf)]), cookie: clerk)
            #expect(opened.status == .ok && opened.text.contains("活动已开始（多方联合计票）"))
            // The shares are gone from the server: no second download.
            #expect(try await server.get("\(base)/joint/shares/1", cookie: clerk).status != .ok)

            // A merchant answers.
            let token = try #require(issued.first { $0.respondent.key == MerchantBallotTests.huawei }).token
            let cookie = "pingyi_s=\(token.text)"
            let ballotCSRF = try await server.csrf(path: "/s", cookie: cookie)
            #expect(
                try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: ballotCSRF)), cookie: cookie).status
                    == .seeOther)

            // Closing asks for no key; the year page then offers the count.
            let closeForm = try await server.get("\(base)/confirm?action=close", cookie: clerk)
            #expect(!closeForm.text.contains(#"id="keyfile""#) && closeForm.text.contains("保管单位"))
            let closed = try await server.post("\(base)/state", body: ServerHarness.encode([("csrf", csrf), ("to", "closed")]), cookie: clerk)
            #expect(closed.status == .ok && closed.text.contains("提交密钥份额"))
            #expect(try await server.get("/console/years/2026", cookie: clerk).text.contains("\(base)/count"))

            // A file that is no share, then the office's own: taken, not yet counted.
            #expect(try await Self.upload(server, campaign: created.id, share: "不是份额", cookie: clerk, csrf: csrf).status == .unprocessableContent)
            let first = try await Self.upload(server, campaign: created.id, share: files[0], cookie: clerk, csrf: csrf)
            #expect(first.status == .ok && first.text.contains("「县营商办」的密钥份额已核验并采用"))
            #expect(try server.fixture.count("SELECT count(*) FROM chief_grades") == 0)
            // The office's share again: refused naming it.
            let again = try await Self.upload(server, campaign: created.id, share: files[0], cookie: clerk, csrf: csrf)
            #expect(again.status == .conflict && again.text.contains("县营商办"))
            // The 组织部, signed in as itself, gives its share: the count is done.
            let zuzhibu = try #require(try await ConsoleTests.signIn(server, login: "zuzhibu", password: "password-zuzhibu").0)
            let zuzhibuCSRF = try await server.csrf(path: "\(base)/count", cookie: zuzhibu)
            let second = try await Self.upload(server, campaign: created.id, share: files[2], cookie: zuzhibu, csrf: zuzhibuCSRF)
            #expect(second.status == .ok && second.text.contains("联合计票已完成"))
            #expect(try server.fixture.count("SELECT count(*) FROM chief_grades") == 3)
            #expect(try await server.get("/records/\(created.id)").status == .ok)
        }
    }
}
