import Foundation
import PingyiCore
import PingyiPostgres
import PingyiTestSupport
import Testing

@testable import PingyiServer

/// A ballot form's anti-forgery token vouches for its campaign and departments (`FormGrant`), so
/// a post is checked and claimed in one round trip; whatever the grant no longer matches goes
/// the way of a looked-up invitation, and nothing is stored from a stale or forged grant.
@Suite("Form grant")
struct FormGrantTests {
    static let huawei = MerchantBallotTests.huawei

    @Test("the token carries the campaign and every department of the invitation, in code order; a submission through it is stored once")
    func grantInToken() async throws {
        try await ServerHarness.run { server in
            let cookie = "pingyi_s=\(server.merchantToken(Self.huawei).text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            let grant = try #require(csrf.split(separator: ".").last.flatMap { Base64URL.decode(String($0)) })
            #expect(String(decoding: grant, as: UTF8.self) == "\(server.merchantReview!.0.id):SCJG,XZSP")
            let submitted = try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf)), cookie: cookie)
            #expect(submitted.headers[.location] == "/s/thanks")
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 1)
        }
    }

    @Test("a grant changed in the token is a forged form: 403, nothing stored, the invitation unused")
    func alteredGrant() async throws {
        try await ServerHarness.run { server in
            let cookie = "pingyi_s=\(server.merchantToken(Self.huawei).text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            let mac = try #require(csrf.split(separator: ".").first)
            for grant in ["\(server.merchantReview!.0.id):SCJG", "\(server.merchantReview!.0.id + 1):SCJG,XZSP", ""] {
                let forged = "\(mac).\(Base64URL.encode(Data(grant.utf8)))"
                let response = try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: forged)), cookie: cookie)
                #expect(response.status == .forbidden, "grant \(grant)")
            }
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM invitations WHERE used_on IS NOT NULL") == 0)
        }
    }

    @Test("a department added to the invitation after the form was made: the claim stores nothing, the new form comes back 422")
    func departmentsChanged() async throws {
        try await ServerHarness.run { server in
            let token = server.merchantToken(Self.huawei)
            let cookie = "pingyi_s=\(token.text)"
            try await MerchantBallotTests.addArchives(server.fixture)
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            try server.fixture.database.connect().query(
                """
                INSERT INTO invitation_departments (invitation_id, department_code)
                SELECT id, 'DAJ' FROM invitations WHERE token_hash = \(token.hash)
                """)
            let response = try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf)), cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("档案股长1"))
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM invitations WHERE used_on IS NOT NULL") == 0)
        }
    }

    @Test("the campaign closed after the form was made (the server's copy still says open): 410, nothing stored")
    func closedMeanwhile() async throws {
        try await ServerHarness.run { server in
            let cookie = "pingyi_s=\(server.merchantToken(Self.huawei).text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            try server.fixture.database.connect().query(
                "UPDATE campaigns SET closes_at = now() - interval '1 second' WHERE id = \(server.merchantReview!.0.id)")
            let response = try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf)), cookie: cookie)
            #expect(response.status == .gone)
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
        }
    }

    @Test("a typed code's form is claimed by the code's keyed hash: one ballot, and the token's own form cannot post for it")
    func typedCode() async throws {
        try await ServerHarness.run { server in
            let token = server.merchantToken(Self.huawei)
            let code = InvitationCode(token: token)
            let codeCookie = "pingyi_s=code:\(code.text)"
            let csrf = try await server.csrf(path: "/s", cookie: codeCookie)
            // A form made for the link is bound to the link, not to the code.
            let linkCSRF = try await server.csrf(path: "/s", cookie: "pingyi_s=\(token.text)")
            let crossed = try await server.post(
                "/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: linkCSRF)), cookie: codeCookie)
            #expect(crossed.status == .forbidden)
            let submitted = try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf)), cookie: codeCookie)
            #expect(submitted.headers[.location] == "/s/thanks")
            let again = try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf)), cookie: codeCookie)
            #expect(again.headers[.location] == "/s/done?code")
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 1)
        }
    }
}
