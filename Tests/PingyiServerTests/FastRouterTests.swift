import Foundation
import Hummingbird
import HummingbirdTesting
import Mustache
import PingyiCore
import PingyiStore
import PingyiTestSupport
import Testing

@testable import PingyiServer

/// The organization department's API on an in-memory reading (`AppraisalsReading`): roles,
/// run choice, paging, filters and errors, without PostgreSQL — these run in milliseconds
/// (`make test-fast`). The same routes on the real database are in `APITests`.
@Suite("Fast router: the API without a database")
struct FastRouterTests {
    /// Two chiefs of 2026, one flagged; 2026 scored (run 7) but published only when `published`.
    struct FakeReading: AppraisalsReading {
        var published = true

        static func chief(_ number: String, department: String, rank: Int, composite: Double, flagged: Bool) -> ChiefScore {
            let json =
                #"{"employeeNumber":"\#(number)","name":"股长\#(number)","departmentCode":"\#(department)","departmentName":"部门\#(department)","#
                + #""section":"一股","position":"股长","n":12,"counts":{},"unsatisfied":1,"ownAssessment":false,"components":[],"#
                + #""insufficientData":false,"bottom":false,"flags":[]}"#
            var score = try! JSONDecoder().decode(ChiefScore.self, from: Data(json.utf8))
            score.rank = rank
            score.composite = composite
            score.unsatisfiedShare = 1.0 / 12
            if flagged { score.flags = [FlagEvidence(rule: "bottomRank", text: "综合排名倒数第 1")] }
            return score
        }

        var run: ScoringRun {
            ScoringRun(
                id: 7, year: 2026, isNew: false, official: published, inputs: [:],
                scores: [
                    Self.chief("G1", department: "A", rank: 1, composite: 91.25, flagged: false),
                    Self.chief("G2", department: "B", rank: 2, composite: 80.5, flagged: true),
                ], notes: [])
        }

        func overview() async throws -> [AppraisalOverview] { [] }
        func appraisal(year: Int) async throws -> AppraisalYear? { nil }
        func run(year: Int, runID: Int?) async throws -> ScoringRun {
            guard year == 2026, runID == nil || runID == 7 else { throw AppraisalError.noRun(year) }
            return run
        }
        func officialRun(year: Int) async throws -> ScoringRun {
            guard year == 2026 else { throw AppraisalError.notFound(year) }
            guard published else { throw AppraisalError.notPublished(year) }
            return run
        }
        func departments(year: Int, run: ScoringRun) async throws -> [DepartmentResult] { [] }
        func followUps(year: Int) async throws -> [FollowUp] { [] }
        func comments(year: Int, employeeNumber: String, minValidVotes: Int) async throws -> [String]? { nil }
        func personnel(year: Int) async throws -> (run: Int, rows: [PersonnelRow]) { throw AppraisalError.notPublished(year) }
        func chiefYears(employeeNumber: String) async throws -> [(year: Int, run: Int, score: ChiefScore)] { [] }
    }

    static let keys = [
        "orgdept-key": APIKey(id: 1, name: "组织部", role: .orgdept, prefix: "pyk_o", revoked: false),
        "hr-key": APIKey(id: 2, name: "人事", role: .hr, prefix: "pyk_h", revoked: false),
    ]

    /// The API's routes as `buildRouter` makes them, on `reading`.
    static func withAPI(_ reading: FakeReading, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router(context: PingyiRequestContext.self)
        router.add(middleware: ErrorPageMiddleware(views: try await Views.load()))
        let api = router.group(RouterPath(APIError.prefix))
            .add(middleware: APIErrorMiddleware())
            .add(middleware: APIKeyMiddleware(authenticate: { Self.keys[$0] }))
        AppraisalsController(reading: reading).add(to: api)
        try await Application(router: router).test(.router, body)
    }

    static func get(
        _ client: any TestClientProtocol, _ uri: String, key: String? = "orgdept-key"
    ) async throws -> (
        HTTPResponse.Status, [String: Any]
    ) {
        let response = try await client.execute(
            uri: uri, method: .get, headers: key.map { [.authorization: "Bearer \($0)"] } ?? [:])
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    static func errorCode(_ json: [String: Any]) -> String? { (json["error"] as? [String: Any])?["code"] as? String }

    @Test("keys and roles: none is 401, a role without access 403, both as JSON problems")
    func roles() async throws {
        try await Self.withAPI(FakeReading()) { client in
            let (none, noneBody) = try await Self.get(client, "/api/v1/appraisals/2026/scores", key: nil)
            #expect(none == .unauthorized && Self.errorCode(noneBody) == "unauthorized")
            let (wrong, _) = try await Self.get(client, "/api/v1/appraisals/2026/scores", key: "made-up")
            #expect(wrong == .unauthorized)
            let (hr, hrBody) = try await Self.get(client, "/api/v1/appraisals/2026/scores", key: "hr-key")
            #expect(hr == .forbidden && Self.errorCode(hrBody) == "forbidden")
            let (ok, body) = try await Self.get(client, "/api/v1/appraisals/2026/scores")
            #expect(ok == .ok && body["total"] as? Int == 2)
        }
    }

    @Test("paging, filters and sorting of scores; bad parameters are 400, an unknown department 404")
    func scores() async throws {
        try await Self.withAPI(FakeReading()) { client in
            let (_, first) = try await Self.get(client, "/api/v1/appraisals/2026/scores?limit=1")
            #expect((first["chiefs"] as? [[String: Any]])?.map { $0["employeeNumber"] as? String } == ["G1"])
            #expect(first["nextCursor"] as? String == "1")
            let (_, second) = try await Self.get(client, "/api/v1/appraisals/2026/scores?limit=1&cursor=1")
            #expect((second["chiefs"] as? [[String: Any]])?.first?["employeeNumber"] as? String == "G2" && second["nextCursor"] == nil)
            let (_, flagged) = try await Self.get(client, "/api/v1/appraisals/2026/scores?flagged=true")
            #expect(flagged["total"] as? Int == 1)
            let (_, byDepartment) = try await Self.get(client, "/api/v1/appraisals/2026/scores?department=B")
            #expect(byDepartment["total"] as? Int == 1)
            for bad in ["limit=0", "limit=501", "cursor=-1", "flagged=yes", "sort=name", "run=abc"] {
                let (status, body) = try await Self.get(client, "/api/v1/appraisals/2026/scores?\(bad)")
                #expect(status == .badRequest && Self.errorCode(body) == "bad_request", "\(bad)")
            }
            let (unknown, _) = try await Self.get(client, "/api/v1/appraisals/2026/scores?department=NOPE")
            #expect(unknown == .notFound)
            let (year, _) = try await Self.get(client, "/api/v1/appraisals/1999/scores")
            #expect(year == .badRequest)
        }
    }

    @Test("an unpublished year: the official run is 404 with the hint, ?run=latest shows the draft, a run of another year 404")
    func unpublished() async throws {
        try await Self.withAPI(FakeReading(published: false)) { client in
            let (official, body) = try await Self.get(client, "/api/v1/appraisals/2026/scores")
            #expect(official == .notFound && ((body["error"] as? [String: Any])?["message"] as? String)?.contains("?run=latest") == true)
            let (latest, draft) = try await Self.get(client, "/api/v1/appraisals/2026/scores?run=latest")
            #expect(latest == .ok && draft["official"] as? Bool == false && draft["run"] as? Int == 7)
            let (other, _) = try await Self.get(client, "/api/v1/appraisals/2026/scores?run=8")
            #expect(other == .notFound)
            // A domain error the controller does not catch still becomes its JSON problem.
            let (personnel, problem) = try await Self.get(client, "/api/v1/appraisals/2026/personnel.json")
            #expect(personnel == .notFound && Self.errorCode(problem) == "not_found")
        }
    }

    @Test("the ranking as CSV from the same run; an unknown API path is a JSON 404")
    func rankingAndUnknown() async throws {
        try await Self.withAPI(FakeReading()) { client in
            let response = try await client.execute(
                uri: "/api/v1/appraisals/2026/ranking.csv", method: .get, headers: [.authorization: "Bearer orgdept-key"])
            #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
            let rows = try CSVDocument.parse(Data(buffer: response.body), file: "ranking.csv")
            #expect(rows.records.map { $0.fields[2] } == ["G1", "G2"])
            #expect(rows.records[0].fields[6] == "91.25" && rows.records[1].fields[11] == "8.3%")
            let (status, body) = try await Self.get(client, "/api/v1/nothing")
            #expect(status == .notFound && Self.errorCode(body) == "not_found")
        }
    }

    @Test("the console's whole ranking comes a page of 100 at a time (a province has 30,000 chiefs); a department shows all of its chiefs")
    func rankingPages() async throws {
        let scores = (1...250).map { n in
            FakeReading.chief("G\(n)", department: n % 2 == 0 ? "A" : "B", rank: n, composite: 100 - Double(n) / 10, flagged: n > 240)
        }
        let run = ScoringRun(id: 7, year: 2026, isNew: false, official: true, inputs: [:], scores: scores, notes: [])
        let member = ConsoleMemberView(StaffMember(id: 1, login: "zz", name: "组织部", role: .orgdept, mustChangePassword: false), csrf: "x")
        #expect(ConsoleRankingPage.pageCount(250) == 3 && ConsoleRankingPage.pageCount(0) == 1 && ConsoleRankingPage.pageCount(100) == 1)
        let second = ConsoleRankingPage(member: member, run: run, policy: nil, years: [2026], departments: [], department: nil, page: 2)
        #expect(second.rows.map(\.employeeNumber) == (101...200).map { "G\($0)" })
        #expect(second.chart?.rows.count == 100)
        let paging = try #require(second.paging)
        #expect((paging.page, paging.pages, paging.first, paging.last, paging.total) == (2, 3, 101, 200, 250))
        #expect(paging.previous == "/console/ranking?year=2026&page=1" && paging.next == "/console/ranking?year=2026&page=3")
        let last = ConsoleRankingPage(member: member, run: run, policy: nil, years: [2026], departments: [], department: nil, page: 3)
        #expect(last.rows.count == 50 && last.paging?.next == nil && last.rows.last?.flagged == true)
        let department = ConsoleRankingPage(member: member, run: run, policy: nil, years: [2026], departments: [], department: "A", page: 1)
        #expect(department.rows.count == 125 && department.paging == nil)
        let html = try await Views.load().html("console-ranking", second)
        #expect(html.contains(#"<a class="button secondary" href="/console/ranking?year=2026&amp;page=3" rel="next">下一页</a>"#))
        #expect(html.contains("第 2 / 3 页（第 101–200 位，共 250 名股室长）"))
        #expect(html.contains("部门评星定级见排名第 1 页") && !html.contains("<h2 id=\"stars\">"))
    }

    /// The stored properties `Mirror` shows that `child(named:)` does not answer (a template key
    /// that would silently render empty). A nil optional is nil both ways and is not counted.
    static func unanswered(_ view: some MustacheParent) -> [String] {
        Mirror(reflecting: view).children.compactMap { child in
            guard let label = child.label else { return nil }
            let value = Mirror(reflecting: child.value)
            if value.displayStyle == .optional, value.children.isEmpty { return nil }
            return view.child(named: label) == nil ? label : nil
        }
    }

    @Test("view models that answer Mustache by name answer every stored property, as Mirror would")
    func mustacheParents() async throws {
        let template = try SurveyTemplate.parse(try CountyFixture.shipped("merchant-review.yaml"), file: "merchant-review.yaml")
        let question = try #require(template.questions.first { !$0.options.isEmpty })
        let view = QuestionView(question, field: "a.G1.overall", values: ["a.G1.overall": "x"], errors: ["a.G1.overall": "请选择"])
        let option = try #require(view.options.first)
        let chief = ChiefView(name: "王芳", section: "一股", position: "股长", questions: [view])
        let department = DepartmentView(code: "SCJG", name: "县市场监督管理局", chiefs: [chief], questions: [view])
        let scores = (1...3).map { FakeReading.chief("G\($0)", department: "A", rank: $0, composite: 90 - Double($0), flagged: $0 == 3) }
        let run = ScoringRun(id: 7, year: 2026, isNew: false, official: true, inputs: [:], scores: scores, notes: [])
        let member = ConsoleMemberView(StaffMember(id: 1, login: "zz", name: "组织部", role: .orgdept, mustChangePassword: false), csrf: "x")
        let department2026 = DepartmentResult.make(code: "A", name: "部门A", chiefs: scores, invited: 10, responded: 5)
        let page = ConsoleRankingPage(member: member, run: run, policy: nil, years: [2026], departments: [department2026], department: nil)
        let line = try #require(page.rows.first)
        let departmentLine = try #require(page.departmentLines.first)
        let dot = try #require(page.chart?.rows.first)
        let choice = try #require(page.departments.first)
        #expect(Self.unanswered(view).isEmpty && Self.unanswered(option).isEmpty && Self.unanswered(chief).isEmpty)
        #expect(Self.unanswered(department).isEmpty && Self.unanswered(line).isEmpty && Self.unanswered(departmentLine).isEmpty)
        #expect(Self.unanswered(dot).isEmpty && Self.unanswered(choice).isEmpty)
    }
}
