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
        for (key, grades) in [
            ("914403001922038216", ["G0101": "satisfied", "G0102": "unsatisfied", "G0201": "basic"]), ("91110108551385082Q", ["G0301": "satisfied"]),
        ] {
            let invitation = invitations.first { $0.respondent.key == key }!
            _ = try await store.submit(
                tokenHash: invitation.token.hash,
                answers: BallotAnswers(grades: grades.map { GradeAnswer(target: $0.key, question: "overall", option: $0.value) }))
        }
        _ = try await CampaignStore(pool: fixture.pool).transition(id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
        let policy = try CountyFixture.shipped("policy.yaml").replacingOccurrences(of: "minBallots: 5", with: "minBallots: 1")
        _ = try await AppraisalStore(pool: fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p.yaml", actor: "test")
        _ = try await ScoringStore(pool: fixture.pool).score(year: 2026, actor: "test")
        _ = try await ScoringStore(pool: fixture.pool).publish(year: 2026, actor: "test")
    }

    /// Huawei's ballot with `answers`, then the campaign closed and counted.
    static func huaweiVotes(_ server: ServerHarness, _ answers: BallotAnswers) async throws {
        let (campaign, invitations) = server.merchantReview!
        let huawei = invitations.first { $0.respondent.key == "914403001922038216" }!
        #expect(try await BallotStore(pool: server.fixture.pool).submit(tokenHash: huawei.token.hash, answers: answers) == .accepted)
        _ = try await CampaignStore(pool: server.fixture.pool).transition(id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
    }

    @Test("role matrix: every endpoint × no key, revoked key, admin, orgdept, hr, ballot cookie")
    func roleMatrix() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            try await Self.publishedYear(server)
            let keys = APIKeyStore(pool: server.fixture.pool)
            var secrets: [APIRole: String] = [:]
            for role in APIRole.forKeys { secrets[role] = try await keys.create(role: role, name: "测试 \(role.rawValue)", actor: "test").1 }
            // A department's liaison is a console account only: no key carries its role.
            await #expect(throws: APIKeyError.consoleOnlyRole) { try await keys.create(role: .department, name: "部门", actor: "test") }
            let (revokedKey, revokedSecret) = try await keys.create(role: .admin, name: "作废", actor: "test")
            _ = try await keys.revoke(id: revokedKey.id, actor: "test")
            let cookie = "pingyi_s=\(server.merchantToken("914403001922038216").text)"

            let followUp = try #require(try await FollowUpStore(pool: server.fixture.pool).list(year: 2026).first)
            let patch = #"{"status":"done","note":"已谈话"}"#
            // endpoint, method, body, and the roles it admits
            let endpoints: [(String, HTTPRequest.Method, String?, Set<APIRole>)] = [
                ("/api/v1/appraisals", .get, nil, [.admin, .orgdept]),
                ("/api/v1/appraisals/2026/scores", .get, nil, [.admin, .orgdept]),
                ("/api/v1/appraisals/2026/departments", .get, nil, [.admin, .orgdept]),
                ("/api/v1/appraisals/2026/flags", .get, nil, [.admin, .orgdept]),
                ("/api/v1/appraisals/2026/comments?chief=G0102", .get, nil, [.admin, .orgdept]),
                ("/api/v1/chiefs/G0101", .get, nil, [.admin, .orgdept]),
                ("/api/v1/appraisals/2026/personnel.json", .get, nil, [.admin, .orgdept, .hr]),
                ("/api/v1/appraisals/2026/personnel.csv", .get, nil, [.admin, .orgdept, .hr]),
                ("/api/v1/appraisals/2026/personnel.xlsx", .get, nil, [.admin, .orgdept, .hr]),
                ("/api/v1/appraisals/2026/ranking.csv", .get, nil, [.admin, .orgdept]),
                ("/api/v1/appraisals/2026/ranking.xlsx", .get, nil, [.admin, .orgdept]),
                ("/api/v1/audit", .get, nil, [.admin]),
                ("/api/v1/problems", .get, nil, [.admin, .orgdept]),
                ("/api/v1/problems/reports/monthly?month=2026-03", .get, nil, [.admin, .orgdept]),
                ("/api/v1/problems/reports/quarterly?year=2026&quarter=1", .get, nil, [.admin, .orgdept]),
                ("/api/v1/follow-ups/\(followUp.id)", .patch, patch, [.admin]),
            ]
            for (uri, method, body, admitted) in endpoints {
                var cases: [(String, HTTPFields, HTTPResponse.Status)] = [
                    ("no key", [:], .unauthorized),
                    ("revoked key", [.authorization: "Bearer \(revokedSecret)"], .unauthorized),
                    ("wrong key", [.authorization: "Bearer pyk_\(String(repeating: "A", count: 43))"], .unauthorized),
                    ("ballot cookie", [.cookie: cookie], .unauthorized),
                ]
                for role in APIRole.forKeys {
                    cases.append((role.rawValue, [.authorization: "Bearer \(secrets[role]!)"], admitted.contains(role) ? .ok : .forbidden))
                }
                for (who, headers, expected) in cases {
                    var headers = headers
                    if body != nil { headers[.contentType] = "application/json" }
                    let response = try await server.client.execute(
                        uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
                    #expect(response.status == expected, "\(uri) as \(who)")
                    let type =
                        expected != .ok
                        ? "application/json"
                        : uri.hasSuffix(".csv")
                            ? "text/csv"
                            : uri.hasSuffix(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/json"
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(uri) as \(who)")
                    if expected != .ok {
                        let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
                        #expect(body?["error"]?["code"] != nil && body?["error"]?["message"]?.isEmpty == false, "\(uri) as \(who)")
                    }
                }
            }
        }
    }

    @Test("one error story: unknown API paths and domain errors are JSON problems, unknown pages are HTML")
    func errorStory() async throws {
        try await ServerHarness.run(open: []) { server in
            let secret = try await APIKeyStore(pool: server.fixture.pool).create(role: .admin, name: "办公室", actor: "test").1
            for (uri, method) in [
                ("/api/v1/nothing", HTTPRequest.Method.get), ("/api/v1/appraisals", .post), ("/api/v1/appraisals/2026/nothing", .get),
                ("/api/v1/appraisals/abc", .get),
            ] {
                let response = try await server.client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(secret)"])
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(method) \(uri)")
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
                #expect(body?["error"]?["code"] == "not_found", "\(method) \(uri)")
            }
            // A domain error (FollowUpError.notFound) through the API: its mapped problem, as JSON.
            let patch = try await server.client.execute(
                uri: "/api/v1/follow-ups/999999", method: .patch,
                headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"status":"done","note":"已谈话"}"#))
            #expect(patch.status == .notFound)
            let problem = try JSONSerialization.jsonObject(with: Data(buffer: patch.body)) as? [String: [String: String]]
            #expect(problem?["error"]?["code"] == "not_found" && problem?["error"]?["message"]?.contains("999999") == true)
            for uri in ["/nothing-here", "/api/v2/appraisals", "/apiary"] {
                let page = try await server.client.execute(uri: uri, method: .get)
                #expect(page.status == .notFound && page.headers[.contentType]?.hasPrefix("text/html") == true, "\(uri)")
            }
        }
    }

    @Test("the ledger through the API: filters, a problem with its history, the month and the quarter; bad parameters 400")
    func ledger() async throws {
        try await ServerHarness.run(open: []) { server in
            let store = ProblemStore(pool: server.fixture.pool)
            let calendar = try String(contentsOf: CountyFixture.repository.appendingPathComponent("calendars/2026.yaml"), encoding: .utf8)
            _ = try await store.importCalendar(calendar, file: "2026.yaml", actor: "test")
            let day = { (text: String) in CivilDate(parsing: text)! }
            let problem = try await store.add(
                channel: .hotline, environment: .government, description: "办证慢", receivedOn: day("2026-03-02"), reporter: "张三", actor: "t")
            _ = try await store.assign(problem.id, department: "SCJG", on: day("2026-03-02"), actor: "t")
            _ = try await store.reportDone(problem.id, note: "已办", on: day("2026-03-05"), actor: "t")
            _ = try await store.verify(problem.id, note: nil, on: day("2026-03-06"), actor: "t")
            let secret = try await APIKeyStore(pool: server.fixture.pool).create(role: .orgdept, name: "组织部", actor: "test").1
            func get(_ uri: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                let response = try await server.client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(secret)"])
                return (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
            let (_, list) = try await get("/api/v1/problems?department=SCJG&state=verified&month=2026-03")
            #expect(list["total"] as? Int == 1)
            let (_, detail) = try await get("/api/v1/problems/\(problem.id)")
            #expect((detail["history"] as? [[String: Any]])?.map { $0["step"] as? String } == ["receive", "assign", "report_done", "verify"])
            #expect((detail["problem"] as? [String: Any])?["dueOn"] as? String == "2026-03-09")
            let (_, month) = try await get("/api/v1/problems/reports/monthly?month=2026-03")
            let line = (month["departments"] as? [[String: Any]])?.first
            #expect((line?["department"] as? [String: Any])?["closedOnTime"] as? Int == 1 && line?["onTimeRate"] as? Double == 1)
            let (_, quarter) = try await get("/api/v1/problems/reports/quarterly?year=2026&quarter=1")
            #expect((quarter["departments"] as? [[String: Any]])?.first?["score"] as? Double == 100)
            for bad in [
                "/api/v1/problems?state=lost", "/api/v1/problems?overdue=maybe", "/api/v1/problems?month=2026-13",
                "/api/v1/problems/reports/monthly", "/api/v1/problems/reports/quarterly?year=2026&quarter=5", "/api/v1/problems/0",
            ] {
                #expect(try await get(bad).0 == .badRequest, "\(bad)")
            }
            #expect(try await get("/api/v1/problems/999999").0 == .notFound)
        }
    }

    @Test("GET /metrics: admin key only; requests by route template (no token), ballots by outcome, the pool")
    func metrics() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            let token = server.merchantToken(MerchantBallotTests.huawei)
            _ = try await server.get("/s/\(token.text)")
            let cookie = "pingyi_s=\(token.text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            let posted = try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf)), cookie: cookie)
            #expect(posted.status == .seeOther)
            let admin = try await APIKeyStore(pool: server.fixture.pool).create(role: .admin, name: "监控", actor: "test").1
            let orgdept = try await APIKeyStore(pool: server.fixture.pool).create(role: .orgdept, name: "组织部", actor: "test").1
            try await Self.publishedYear(server)
            let seconds: Double = try await server.fixture.pool.withConnection {
                try $0.query("SELECT seconds FROM scoring_runs WHERE year = 2026 ORDER BY id DESC LIMIT 1")[0].decode("seconds")
            }
            #expect(seconds > 0 && seconds < 60)
            #expect(try await server.client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            #expect(
                try await server.client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(orgdept)"]).status == .forbidden)
            let response = try await server.client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(admin)"])
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            #expect(text.contains(#"hb_requests{http_route="/s/{token}",http_request_method="GET",http_response_status_code="303"} "#))
            #expect(text.contains(#"hb_requests{http_route="/s",http_request_method="POST",http_response_status_code="303"} "#))
            #expect(text.contains("pingyi_ballots_total") && text.contains(#"outcome="accepted""#))
            #expect(text.contains("pingyi_pool_size") && text.contains("pingyi_pool_in_use"))
            #expect(text.contains(#"pingyi_scoring_run_seconds{year="2026"} \#(seconds)"#))
            #expect(!text.contains(token.text))  // route templates only: no token in any label
        }
    }

    @Test("PINGYI_READ_URL: the reports read through the read pool, keys and ballots stay on the main database")
    func readPool() async throws {
        try await TestDatabase.withMigrated { replica in
            try await ServerHarness.run(
                open: [.merchantReview],
                configure: { configuration in
                    configuration.readConninfo = TestDatabase.serverConninfo
                    configuration.readDatabase = replica.name
                }
            ) { server in
                try await Self.publishedYear(server)
                let key = try await APIKeyStore(pool: server.fixture.pool).create(role: .orgdept, name: "组织部", actor: "test").1
                let headers: HTTPFields = [.authorization: "Bearer \(key)"]
                // The key is checked on the main database; the year is read from the (empty) replica.
                let overview = try await server.client.execute(uri: "/api/v1/appraisals", method: .get, headers: headers)
                #expect(overview.status == .ok)
                #expect(String(buffer: overview.body).contains("[]"), "\(String(buffer: overview.body))")
                let scores = try await server.client.execute(uri: "/api/v1/appraisals/2026/scores", method: .get, headers: headers)
                #expect(scores.status == .notFound)
                // A year that exists on the replica only is what the API lists.
                let replicaPool = replica.makePool(maxConnections: 1)
                _ = try await AppraisalStore(pool: replicaPool).create(
                    year: 2031, title: "只在只读库", policyText: try CountyFixture.shipped("policy.yaml"), policyFile: "policy.yaml", actor: "test")
                await replicaPool.shutdown()
                let listed = String(buffer: try await server.client.execute(uri: "/api/v1/appraisals", method: .get, headers: headers).body)
                #expect(listed.contains("2031") && !listed.contains("2026"), "\(listed)")
                // A ballot link is still looked up on the main database: this merchant answered (409);
                // the replica has no invitation at all (it would be 404).
                let token = server.merchantToken(MerchantBallotTests.huawei)
                #expect(try await server.get("/s/\(token.text)").headers[.location] == "/s/done")
            }
        }
    }

    @Test("a follow-up recorded through the API lands in the audit log under the key's name")
    func followUpAudited() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            try await Self.publishedYear(server)
            let secret = try await APIKeyStore(pool: server.fixture.pool).create(role: .admin, name: "营商办后台", actor: "test").1
            let followUp = try #require(try await FollowUpStore(pool: server.fixture.pool).list(year: 2026).first)
            let headers: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]
            let bad = try await server.client.execute(
                uri: "/api/v1/follow-ups/\(followUp.id)", method: .patch, headers: headers,
                body: ByteBuffer(string: #"{"status":"pending","note":"x"}"#))
            #expect(bad.status == .unprocessableContent)
            let garbage = try await server.client.execute(
                uri: "/api/v1/follow-ups/\(followUp.id)", method: .patch, headers: headers, body: ByteBuffer(string: "not json"))
            #expect(garbage.status == .badRequest)
            let missing = try await server.client.execute(
                uri: "/api/v1/follow-ups/99999", method: .patch, headers: headers, body: ByteBuffer(string: #"{"status":"done","note":"x"}"#))
            #expect(missing.status == .notFound)
            let done = try await server.client.execute(
                uri: "/api/v1/follow-ups/\(followUp.id)", method: .patch, headers: headers,
                body: ByteBuffer(string: #"{"status":"waived","note":"调离原岗位"}"#))
            #expect(done.status == .ok)
            #expect(try server.fixture.count("SELECT count(*) FROM audit_log WHERE action = 'followup.record' AND actor = 'api:营商办后台'") == 1)
            let audit = try await server.client.execute(uri: "/api/v1/audit?limit=5", method: .get, headers: headers)
            #expect(String(buffer: audit.body).contains("followup.record"))
            // The year unpublished: the follow-up is withdrawn, and recording on it conflicts (409 JSON).
            _ = try await ScoringStore(pool: server.fixture.pool).unpublish(year: 2026, reason: "重新计分", actor: "test")
            let withdrawn = try await server.client.execute(
                uri: "/api/v1/follow-ups/\(followUp.id)", method: .patch, headers: headers,
                body: ByteBuffer(string: #"{"status":"done","note":"已谈话"}"#))
            #expect(withdrawn.status == .conflict)
            let problem = try JSONSerialization.jsonObject(with: Data(buffer: withdrawn.body)) as? [String: [String: String]]
            #expect(problem?["error"]?["code"] == "conflict")
        }
    }

    @Test("personnel CSV reads back with a CSV library: BOM, quoting, formula cells neutralised")
    func personnelCSV() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            // A name with a comma and a quote, and a section that looks like a formula.
            let connection = try server.fixture.database.connect()
            try connection.query("UPDATE chiefs SET name = \("王\"芳\", 二") WHERE employee_number = 'G0102'")
            try connection.query(
                "UPDATE sections SET name = '=HYPERLINK(1)' WHERE id = (SELECT section_id FROM chiefs WHERE employee_number = 'G0102')")
            try await Self.publishedYear(server)
            let secret = try await APIKeyStore(pool: server.fixture.pool).create(role: .hr, name: "人事", actor: "test").1
            let response = try await server.client.execute(
                uri: "/api/v1/appraisals/2026/personnel.csv", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(response.status == .ok)
            let data = Data(buffer: response.body)
            #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
            let document = try CSVDocument.parse(data, file: "personnel.csv")
            #expect(document.header.first == "名单")
            let row = try #require(document.records.first { $0.fields[3] == "G0102" })
            #expect(row.fields[0] == "拟调整")
            #expect(row.fields[2] == "王\"芳\", 二")
            #expect(row.fields[5] == "'=HYPERLINK(1)")
            #expect(row.fields[6] == "股长")  // 职务
            #expect(row.fields[14] == "末位、不满意")  // 情形
            #expect(row.fields[15] == "组织处理")
            #expect(row.fields[16].contains("整改措施为组织处理"))
            // The same list as a workbook: a zip (PK), typed for Excel, named for the year.
            let workbook = try await server.client.execute(
                uri: "/api/v1/appraisals/2026/personnel.xlsx", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(workbook.status == .ok)
            #expect(workbook.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(workbook.headers[.contentDisposition] == "attachment; filename=\"personnel-2026.xlsx\"")
            #expect(Data(buffer: workbook.body).starts(with: [0x50, 0x4B, 0x03, 0x04]))
            // The ranking: every chief of the official run, in rank order, in both formats.
            let orgdept = try await APIKeyStore(pool: server.fixture.pool).create(role: .orgdept, name: "组织部", actor: "test").1
            let ranking = try await server.client.execute(
                uri: "/api/v1/appraisals/2026/ranking.csv", method: .get, headers: [.authorization: "Bearer \(orgdept)"])
            let ranked = try CSVDocument.parse(Data(buffer: ranking.body), file: "ranking.csv")
            #expect(ranked.header.prefix(7) == ["排名", "姓名", "工号", "部门", "股室", "职务", "综合得分"])
            #expect(ranked.records.count == 4)
            #expect(
                try await server.client.execute(
                    uri: "/api/v1/appraisals/2026/ranking.xlsx?run=99999", method: .get, headers: [.authorization: "Bearer \(orgdept)"]
                ).status == .notFound)
            let json = try await server.client.execute(
                uri: "/api/v1/appraisals/2026/personnel.json", method: .get, headers: [.authorization: "Bearer \(secret)"])
            let body = try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any]
            #expect((body?["candidates"] as? [[String: Any]])?.count == document.records.count)
        }
    }

    @Test("comments only where the chief has the policy's minimum of ballots; follow-up PATCH is audited")
    func commentsAndFollowUps() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            // Five merchants rate G0102 … there are only two in the county: lower the minimum instead.
            try await Self.huaweiVotes(
                server,
                BallotAnswers(
                    grades: [GradeAnswer(target: "G0102", question: "overall", option: "unsatisfied")],
                    texts: [TextAnswer(target: "G0102", question: "comment", text: "材料反复补正")]))
            let admin = try await APIKeyStore(pool: server.fixture.pool).create(role: .admin, name: "营商办", actor: "test").1
            let headers: HTTPFields = [.authorization: "Bearer \(admin)"]
            func comments() async throws -> [String: Any] {
                let response = try await server.client.execute(uri: "/api/v1/appraisals/2026/comments?chief=G0102", method: .get, headers: headers)
                return try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
            }
            let suppressed = try await comments()
            #expect(suppressed["suppressed"] as? Bool == true)
            #expect((suppressed["comments"] as? [String])?.isEmpty == true)
            let policy = try CountyFixture.shipped("policy.yaml").replacingOccurrences(of: "commentsMinBallots: 5", with: "commentsMinBallots: 1")
            _ = try await AppraisalStore(pool: server.fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p", actor: "test")
            let shown = try await comments()
            #expect(shown["suppressed"] as? Bool == false)
            #expect(shown["comments"] as? [String] == ["材料反复补正"])
            #expect(try await server.client.execute(uri: "/api/v1/appraisals/2026/comments", method: .get, headers: headers).status == .badRequest)
        }
    }

    @Test("small cells: below minBallots no score, count or share of a chief anywhere in the API; comments count valid votes only")
    func smallCells() async throws {
        try await ServerHarness.run(open: [.merchantReview]) { server in
            // One merchant: G0102 不满意 (n = 1, 30.00 points), and 不了解 with a comment for G0101.
            try await Self.huaweiVotes(
                server,
                BallotAnswers(
                    grades: [
                        GradeAnswer(target: "G0102", question: "overall", option: "unsatisfied"),
                        GradeAnswer(target: "G0101", question: "overall", option: "unknown"),
                    ],
                    texts: [TextAnswer(target: "G0101", question: "comment", text: "只来过一次")]))
            // commentsMinBallots 1: G0101 has one ballot but no valid vote, so its comment stays hidden.
            let policy = try CountyFixture.shipped("policy.yaml").replacingOccurrences(of: "commentsMinBallots: 5", with: "commentsMinBallots: 1")
            _ = try await AppraisalStore(pool: server.fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p", actor: "test")
            _ = try await ScoringStore(pool: server.fixture.pool).score(year: 2026, actor: "test")
            let admin = try await APIKeyStore(pool: server.fixture.pool).create(role: .admin, name: "营商办", actor: "test").1
            let headers: HTTPFields = [.authorization: "Bearer \(admin)"]
            let response = try await server.client.execute(uri: "/api/v1/appraisals/2026/scores?run=latest", method: .get, headers: headers)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            let page = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let chiefs = try #require(page["chiefs"] as? [[String: Any]])
            let g0102 = try #require(chiefs.first { $0["employeeNumber"] as? String == "G0102" })
            #expect(g0102["suppressed"] as? Bool == true)
            #expect(g0102["merchantScore"] == nil && g0102["unsatisfiedShare"] == nil && g0102["unsatisfiedInterval"] == nil)
            #expect(g0102["n"] as? Int == 0 && g0102["unsatisfied"] as? Int == 0 && (g0102["counts"] as? [String: Any])?.isEmpty == true)
            #expect(g0102["composite"] == nil)
            #expect(!text.contains("\"unsatisfied\":1") && !text.contains("30.0"))
            let comments = try await server.client.execute(uri: "/api/v1/appraisals/2026/comments?chief=G0101", method: .get, headers: headers)
            #expect(String(buffer: comments.body).contains("\"suppressed\":true"))
            #expect(!String(buffer: comments.body).contains("只来过一次"))
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
            let unknown = try await server.client.execute(uri: "/api/v1/appraisals/2026/scores?department=NOPE", method: .get, headers: headers)
            #expect(unknown.status == .notFound)  // as the console answers

            let overview = try await get("/api/v1/appraisals")
            let years = overview["appraisals"] as? [[String: Any]] ?? []
            #expect(years.first?["year"] as? Int == 2026)
            #expect(years.first?["published"] as? Bool == true)
            let campaign = (years.first?["campaigns"] as? [[String: Any]])?.first
            #expect(campaign?["invited"] as? Int == 2)
            #expect(campaign?["responded"] as? Int == 2)

            for bad in [
                "/api/v1/appraisals/abc/scores", "/api/v1/appraisals/2026/scores?limit=0", "/api/v1/appraisals/2026/scores?cursor=-1",
                "/api/v1/appraisals/2026/scores?run=%27%20OR%201%3D1--", "/api/v1/appraisals/2026/scores?sort=x",
                "/api/v1/appraisals/2026/scores?flagged=maybe",
            ] {
                #expect(try await server.client.execute(uri: bad, method: .get, headers: headers).status == .badRequest, "\(bad)")
            }
            #expect(try await server.client.execute(uri: "/api/v1/appraisals/2031/scores", method: .get, headers: headers).status == .notFound)
        }
    }
}
