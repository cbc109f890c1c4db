import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Supervisor star rating")
struct StarRatingTests {
    /// Stars for the three active departments of the county, and a clue for one.
    static func fields(csrf: String, clue: String?, signed: Bool) -> [(String, String)] {
        var fields = [("csrf", csrf)]
        for (department, stars) in [("SCJG", "5"), ("SWJ", "3"), ("XZSP", "4")] {
            for question in ["satisfaction", "policy", "benefit"] {
                fields.append(("a.\(department).\(question)", stars))
            }
        }
        if let clue { fields.append(("a.SWJ.clue", clue)) }
        if signed { fields.append(("signed", "1")) }
        return fields
    }

    @Test("the whole flow, with a signed clue and an anonymous one")
    func wholeFlow() async throws {
        try await ServerHarness.run { server in
            for (code, signed) in [("JD001", true), ("JD002", false)] {
                let token = server.supervisorToken(code)
                let opened = try await server.get("/r/\(token.text)")
                #expect(opened.status == .seeOther)
                #expect(opened.headers[.location] == "/r")
                let cookie = "pingyi_r=\(token.text)"
                let form = try await server.get("/r", cookie: cookie)
                for text in ["企业群众满意", "政策落地顺畅", "企业得到实惠", "问题线索", "县税务局", "署名", "5★"] {
                    #expect(form.text.contains(text), "\(text) on the form")
                }
                let csrf = try await server.csrf(path: "/r", cookie: cookie)
                let response = try await server.post(
                    "/r", body: ServerHarness.encode(Self.fields(csrf: csrf, clue: "纳税服务窗口 \(code) 反映排队过长", signed: signed)), cookie: cookie)
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/r/thanks")
            }
            // While the campaign is open the office sees the signed clue only; the unsigned one is
            // sealed inside its ballot, like the stars, and nothing in the box is readable.
            let open = try await ProblemClueStore(pool: server.fixture.pool).list()
            #expect(open.count == 1)
            #expect(open.first?.signedBy == "薛敏" && open.first?.body.contains("JD001") == true)
            let connection = try server.fixture.database.connect()
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box WHERE sealed IS NOT NULL AND answers IS NULL") == 2)
            let box: String = try connection.query("SELECT string_agg(encode(sealed, 'escape'), ' ') AS a FROM ballot_box")[0].decode("a")
            #expect(!box.contains("SWJ") && !box.contains("satisfaction"))
            _ = try await CampaignStore(pool: server.fixture.pool).transition(
                id: server.starRating!.0.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            let clues = try await ProblemClueStore(pool: server.fixture.pool).list()
            #expect(clues.count == 2)
            #expect(clues.allSatisfy { $0.departmentCode == "SWJ" && $0.status == .new })
            #expect(clues.first { $0.body.contains("JD001") }?.signedBy == "薛敏")
            #expect(clues.first { $0.body.contains("JD002") }?.signedBy == nil)
            #expect(try server.fixture.count("SELECT count(*) FROM text_answers WHERE body LIKE '%排队过长%'") == 0)  // clues are not comments
        }
    }

    @Test("stars out of range and missing stars are 422; a department not on the list is 400")
    func invalidStars() async throws {
        try await ServerHarness.run { server in
            let token = server.supervisorToken("JD001")
            let cookie = "pingyi_r=\(token.text)"
            let csrf = try await server.csrf(path: "/r", cookie: cookie)
            var fields = Self.fields(csrf: csrf, clue: nil, signed: false)
            fields[1] = ("a.SCJG.satisfaction", "6")
            fields.removeLast()
            let invalid = try await server.post("/r", body: ServerHarness.encode(fields), cookie: cookie)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("请选择 1 到 5 星"))
            #expect(invalid.text.contains("请为「企业得到实惠」评星"))
            let foreign = try await server.post(
                "/r", body: ServerHarness.encode(Self.fields(csrf: csrf, clue: nil, signed: false) + [("a.NOPE.policy", "3")]), cookie: cookie)
            #expect(foreign.status == .badRequest)
            let signedWrong = try await server.post(
                "/r", body: ServerHarness.encode(Self.fields(csrf: csrf, clue: nil, signed: false) + [("signed", "yes")]), cookie: cookie)
            #expect(signedWrong.status == .badRequest)
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
        }
    }

    @Test("a merchant's token does not open the star rating, nor a supervisor's the ballot")
    func kindsDoNotMix() async throws {
        try await ServerHarness.run { server in
            let merchant = server.merchantToken(MerchantBallotTests.huawei).text
            let supervisor = server.supervisorToken("JD001").text
            let merchantOnR = try await server.get("/r/\(merchant)").status
            let supervisorOnS = try await server.get("/s/\(supervisor)").status
            let supervisorCookieOnS = try await server.get("/s", cookie: "pingyi_s=\(supervisor)").status
            #expect(merchantOnR == .notFound)
            #expect(supervisorOnS == .notFound)
            #expect(supervisorCookieOnS == .notFound)
        }
    }
}
