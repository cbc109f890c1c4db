import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// 排名 and 个人 (admin, orgdept): the year's ranked chiefs with the bar chart and the
/// departments' star levels, filtered by year and department; one chief's trend over the years.
struct ConsoleRankingController: Sendable {
    let gate: ConsoleGate
    let scoring: ScoringResultsStore
    let appraisals: AppraisalStore
    let ballots: BallotStore

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("ranking", use: self.showRanking)
        for download in [SpreadsheetDownload.csv, .xlsx] {
            console.get("ranking.\(download.rawValue)", use: self.downloadRanking)
        }
        console.get("chiefs/:employeeNumber", use: self.showChief)
    }

    /// `GET /console/ranking`.
    func showRanking(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin, .orgdept])
        return try await ranking(visit, query: request.uri.queryParameters)
    }

    /// `GET /console/ranking.csv` and `.xlsx`.
    func downloadRanking(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: [.admin, .orgdept])
        let download = SpreadsheetDownload(path: request.uri.path)
        let (run, _) = try await shownRun(request.uri.queryParameters)
        return try await download.response(
            RankingSheet.make(run), name: "ranking-\(run.year)-run\(run.id)", chinese: "\(run.year)年度综合排名", cacheControl: "no-store")
    }

    /// `GET /console/chiefs/:employeeNumber`.
    func showChief(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin, .orgdept])
        return try await chief(visit, employeeNumber: context.parameters.get("employeeNumber") ?? "")
    }

    /// `?year=` among the scored years (default the newest), `?department=` a department code (all
    /// its chiefs), else `?page=` of the whole ranking.
    func ranking(_ visit: ConsoleVisit, query: Hummingbird.Parameters) async throws -> Response {
        let (run, scored) = try await shownRun(query)
        let year = run.year
        let departments = try await scoring.departments(year: year, run: run, responseRates: false).filter { $0.chiefs > 0 }
        var department: String?
        if let code = query.get("department"), !code.isEmpty {
            guard departments.contains(where: { $0.code == code }) else {
                throw ConsoleRefusal.notFound("没有该部门", "请从部门列表中选择。")
            }
            department = code
        }
        // The whole ranking in pages of ConsoleRankingPage.pageSize (a province has 30,000 chiefs).
        var page = 1
        if department == nil, let text = query.get("page"), !text.isEmpty {
            guard let number = Int(text), number >= 1, number <= ConsoleRankingPage.pageCount(run.scores.count) else {
                throw ConsoleRefusal.notFound("没有这一页", "请从排名的第一页开始翻页。")
            }
            page = number
        }
        return gate.views.page(
            ConsoleRankingPage(
                member: visit.header, run: run, policy: try await appraisals.find(year: year)?.policy, years: scored.map(\.year),
                departments: departments, department: department, page: page))
    }

    /// The run the page shows for `?year=` (default the newest scored year), and the scored years.
    func shownRun(_ query: Hummingbird.Parameters) async throws -> (ScoringRun, [(year: Int, published: Bool)]) {
        try await Self.shownRun(query, scoring: scoring, none: "活动结束并计票后，在年度工作台「正式计分」，即可在此查看排名。")
    }

    /// The run shown for `?year=` (default the newest scored year) and the scored years; `none`
    /// says what to do when nothing is scored yet (排名 and 通报 share this).
    static func shownRun(
        _ query: Hummingbird.Parameters, scoring: ScoringResultsStore, none: String
    ) async throws -> (ScoringRun, [(year: Int, published: Bool)]) {
        let scored = try await scoring.scoredYears()
        guard let newest = scored.first?.year else {
            throw ConsoleRefusal(heading: "还没有评分结果", text: none, status: .ok)
        }
        var year = newest
        if let text = query.get("year"), !text.isEmpty {
            guard let chosen = Int(text), scored.contains(where: { $0.year == chosen }) else {
                throw ConsoleRefusal.notFound("没有该年度的评分结果", "请从年度列表中选择。")
            }
            year = chosen
        }
        return (try await scoring.shownRun(year: year), scored)
    }

    /// Every published year of the chief, and the newest scored year when it is not published yet.
    func chief(_ visit: ConsoleVisit, employeeNumber: String) async throws -> Response {
        let notFound = ConsoleRefusal.notFound("没有该股室长的评分结果", "请从排名页面进入股室长的个人页面。")
        guard (1...32).contains(employeeNumber.count) else { throw notFound }
        var results = try await scoring.chiefYears(employeeNumber: employeeNumber).map { ($0.year, true, $0.score) }
        if let newest = try await scoring.scoredYears().first, !newest.published, !results.contains(where: { $0.0 == newest.year }),
            let score = try await scoring.latestResult(year: newest.year, employeeNumber: employeeNumber)
        {
            results.append((newest.year, false, score))
        }
        guard !results.isEmpty else { throw notFound }
        var comments: (year: Int, texts: [String]?, minimum: Int)?
        if let year = results.map(\.0).max(), let policy = try await appraisals.find(year: year)?.policy {
            let texts = try await ballots.comments(year: year, employeeNumber: employeeNumber, minValidVotes: policy.commentsMinBallots)
            comments = (year, texts, policy.commentsMinBallots)
        }
        return gate.views.page(ConsoleChiefPage(member: visit.header, employeeNumber: employeeNumber, results: results, comments: comments))
    }
}
