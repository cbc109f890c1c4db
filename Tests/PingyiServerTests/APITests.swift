import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Organization department API")
struct APITests {
    /// A scored and published 2026 with two ballots (minBallots 1, so the chiefs are ranked).
    static func publishedYear(_ server: ServerHarness) async throws {
        let fixture = server.fixture
        let (campaign, invitations) = server.merchantReview!
        let store = BallotStore(pool: fixture.pool)
        for (key, grades) in [("914403001922038216", ["G0101": "satisfied", "G0102": "unsatisfied", "G0201": "basic"]), ("91110108551385082Q", ["G0301": "satisfied"])] {
            let invitation = invitations.first { $0.respondent.key == key }!
            _ = try await store.submit(
                tokenHash: invitation.token.hash,
                answers: BallotAnswers(grades: grades.map { GradeAnswer(target: $0.key, question: "overall", option: $0.value) }), clueQuestions: [])
        }
        _ = try await CampaignStore(pool: fixture.pool).transition(id: campaign.id, to: .closed, actor: "test")
        let policy = try CountyFixture.shipped("policy.yaml").replacingOccurrences(of: "minBallots: 5", with: "minBallots: 1")
        _ = try await AppraisalStore(pool: fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p.yaml", actor: "test")
        _ = try await ScoringStore(pool: fixture.pool).score(year: 2026, actor: "test")
        _ = try await ScoringStore(pool: fixture.pool).publish(year: 2026, actor: "test")
    }

    @Test("role matrix: every endpoint × no key, revoked key, admin, orgdept, hr, ballot cookie")
    func roleMatrix() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            try await Self.publishedYear(server)
            let keys = APIKeyStore(pool: server.fixture.pool)
            var secrets: [APIRole: String] = [:]
            for role in APIRole.allCases { secrets[role] = try await keys.create(role: role, name: "测试 \(role.rawValue)", actor: "test").1 }
            let (revokedKey, revokedSecret) = try await keys.create(role: .admin, name: "作废", actor: "test")
            _ = try await keys.revoke(id: revokedKey.id, actor: "test")
            let cookie = "pingyi_s=\(server.merchantToken("914403001922038216").text)"

            let endpoints = ["/api/v1/appraisals", "/api/v1/appraisals/2026/scores"]
            for uri in endpoints {
                let cases: [(String, HTTPFields, HTTPResponse.Status)] = [
                    ("no key", [:], .unauthorized),
                    ("revoked key", [.authorization: "Bearer \(revokedSecret)"], .unauthorized),
                    ("wrong key", [.authorization: "Bearer pyk_\(String(repeating: "A", count: 43))"], .unauthorized),
                    ("admin", [.authorization: "Bearer \(secrets[.admin]!)"], .ok),
                    ("orgdept", [.authorization: "Bearer \(secrets[.orgdept]!)"], .ok),
                    ("hr", [.authorization: "Bearer \(secrets[.hr]!)"], .forbidden),
                    ("ballot cookie", [.cookie: cookie], .unauthorized),
                ]
                for (who, headers, expected) in cases {
                    let response = try await server.client.execute(uri: uri, method: .get, headers: headers)
                    #expect(response.status == expected, "\(uri) as \(who)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri) as \(who)")
                    if expected != .ok {
                        let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
                        #expect(body?["error"]?["code"] != nil && body?["error"]?["message"]?.isEmpty == false, "\(uri) as \(who)")
                    }
                }
            }
        }
    }

    @Test("scores: the official run with every component; filters and paging return every chief once")
    func scores() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            try await Self.publishedYear(server)
            let secret = try await APIKeyStore(pool: server.fixture.pool).create(role: .orgdept, name: "组织部", actor: "test").1
            let headers: HTTPFields = [.authorization: "Bearer \(secret)"]
            func get(_ uri: String) async throws -> [String: Any] {
                let response = try await server.client.execute(uri: uri, method: .get, headers: headers)
                #expect(response.status == .ok, "\(uri)")
                return try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
            }
            let all = try await get("/api/v1/appraisals/2026/scores")
            #expect(all["official"] as? Bool == true)
            #expect(all["total"] as? Int == 4)
            let chiefs = all["chiefs"] as? [[String: Any]] ?? []
            let g0102 = try #require(chiefs.first { $0["employeeNumber"] as? String == "G0102" })
            #expect(g0102["merchantScore"] as? Double == 30)
            #expect(g0102["n"] as? Int == 1)
            #expect((g0102["counts"] as? [String: Int]) == ["unsatisfied": 1])
            #expect((g0102["flags"] as? [[String: String]])?.first?["rule"] == "unsatisfiedShare")
            #expect(g0102["action"] as? String == "组织处理")
            #expect((g0102["unsatisfiedInterval"] as? [String: Double])?["high"] == 1)

            var seen: [String] = []
            var cursor: String? = nil
            repeat {
                let page = try await get("/api/v1/appraisals/2026/scores?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""))
                seen += (page["chiefs"] as? [[String: Any]] ?? []).compactMap { $0["employeeNumber"] as? String }
                cursor = page["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.sorted() == ["G0101", "G0102", "G0201", "G0301"])
            let flagged = try await get("/api/v1/appraisals/2026/scores?flagged=true")
            #expect((flagged["chiefs"] as? [[String: Any]])?.allSatisfy { ($0["flags"] as? [Any])?.isEmpty == false } == true)
            let scjg = try await get("/api/v1/appraisals/2026/scores?department=SCJG")
            #expect(scjg["total"] as? Int == 2)

            let overview = try await get("/api/v1/appraisals")
            let years = overview["appraisals"] as? [[String: Any]] ?? []
            #expect(years.first?["year"] as? Int == 2026)
            #expect(years.first?["published"] as? Bool == true)
            let campaign = (years.first?["campaigns"] as? [[String: Any]])?.first
            #expect(campaign?["invited"] as? Int == 2)
            #expect(campaign?["responded"] as? Int == 2)

            for bad in ["/api/v1/appraisals/abc/scores", "/api/v1/appraisals/2026/scores?limit=0", "/api/v1/appraisals/2026/scores?cursor=-1",
                        "/api/v1/appraisals/2026/scores?run=%27%20OR%201%3D1--", "/api/v1/appraisals/2026/scores?sort=x", "/api/v1/appraisals/2026/scores?flagged=maybe"] {
                #expect(try await server.client.execute(uri: bad, method: .get, headers: headers).status == .badRequest, "\(bad)")
            }
            #expect(try await server.client.execute(uri: "/api/v1/appraisals/2031/scores", method: .get, headers: headers).status == .notFound)
        }
    }
}
