import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// The organization department's JSON API (read-only): `/api/v1/appraisals` and the scores.
struct AppraisalsController {
    let reading: any AppraisalsReading

    /// A page of scores.
    struct ScoresPage: Encodable {
        let year: Int
        let run: Int
        let official: Bool
        let total: Int
        let chiefs: [ChiefScore]
        let nextCursor: String?
    }

    func add(to group: RouterGroup<PingyiRequestContext>) {
        group.get("appraisals", use: self.listAppraisals)
        group.get("appraisals/:year/scores", use: self.showScores)
        group.get("appraisals/:year/departments", use: self.showDepartments)
        group.get("appraisals/:year/flags", use: self.showFlags)
        group.get("appraisals/:year/comments", use: self.showComments)
        group.get("appraisals/:year/personnel.json", use: self.showPersonnel)
        for download in [SpreadsheetDownload.csv, .xlsx] {
            group.get("appraisals/:year/personnel.\(download.rawValue)", use: self.downloadPersonnel)
            group.get("appraisals/:year/ranking.\(download.rawValue)", use: self.downloadRanking)
        }
        group.get("chiefs/:employeeNumber", use: self.showChief)
    }

    /// `GET /api/v1/appraisals`.
    func listAppraisals(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin, .orgdept])
        return try JSONResponse.make(["appraisals": try await reading.overview()])
    }

    /// `GET /api/v1/appraisals/:year/scores`.
    func showScores(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin, .orgdept])
        return try JSONResponse.make(try await scores(year: try Self.year(context), query: request.uri.queryParameters))
    }

    /// `GET /api/v1/appraisals/:year/departments`.
    func showDepartments(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin, .orgdept])
        let year = try Self.year(context)
        let run = try await chosenRun(year: year, query: request.uri.queryParameters)
        return try JSONResponse.make(
            DepartmentsPage(
                year: year, run: run.id, official: run.official,
                departments: try await reading.departments(year: year, run: run)))
    }

    /// `GET /api/v1/appraisals/:year/flags`.
    func showFlags(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin, .orgdept])
        let year = try Self.year(context)
        let run = try await chosenRun(year: year, query: request.uri.queryParameters)
        let records = run.official ? try await reading.followUps(year: year) : []
        let flagged = run.scores.filter(\.flagged).map { score in
            FlaggedChief(score: score, followUp: records.first { $0.employeeNumber == score.employeeNumber })
        }
        return try JSONResponse.make(FlagsPage(year: year, run: run.id, official: run.official, chiefs: flagged))
    }

    /// `GET /api/v1/appraisals/:year/comments`.
    func showComments(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin, .orgdept])
        let year = try Self.year(context)
        guard let chief = request.uri.queryParameters.get("chief"), chief.count <= 32,
            chief.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }), !chief.isEmpty
        else { throw APIError.badRequest("须指定 chief（工号）") }
        guard let appraisal = try await reading.appraisal(year: year) else { throw APIError.notFound("\(year) 年度考评不存在") }
        let minimum = appraisal.policy.commentsMinBallots
        let comments = try await reading.comments(year: year, employeeNumber: chief, minValidVotes: minimum)
        return try JSONResponse.make(
            CommentsPage(
                year: year, chief: chief, suppressed: comments == nil, minimumBallots: minimum, comments: comments ?? []))
    }

    /// `GET /api/v1/appraisals/:year/personnel.json`.
    func showPersonnel(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin, .orgdept, .hr])
        let year = try Self.year(context)
        let (run, rows) = try await personnel(year: year)
        return try JSONResponse.make(PersonnelPage(year: year, run: run, candidates: rows))
    }

    /// `GET /api/v1/appraisals/:year/personnel.csv` and `.xlsx`.
    func downloadPersonnel(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let download = SpreadsheetDownload(path: request.uri.path)
        try context.require([.admin, .orgdept, .hr])
        let year = try Self.year(context)
        let (run, rows) = try await personnel(year: year)
        return try await download.response(
            PersonnelList.sheet(year: year, run: run, rows), name: "personnel-\(year)", workbook: PersonnelList.workbook(year: year, rows))
    }

    /// `GET /api/v1/appraisals/:year/ranking.csv` and `.xlsx`.
    func downloadRanking(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let download = SpreadsheetDownload(path: request.uri.path)
        try context.require([.admin, .orgdept])
        let year = try Self.year(context)
        let run = try await chosenRun(year: year, query: request.uri.queryParameters)
        return try await download.response(RankingSheet.make(run), name: "ranking-\(year)-run\(run.id)")
    }

    /// `GET /api/v1/chiefs/:employeeNumber`.
    func showChief(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin, .orgdept])
        guard let number = context.parameters.get("employeeNumber"), number.count <= 32 else { throw APIError.badRequest("工号无效") }
        let years = try await reading.chiefYears(employeeNumber: number)
        guard let latest = years.last else { throw APIError.notFound("没有股室长 \(number) 的已发布结果") }
        return try JSONResponse.make(
            ChiefPage(
                employeeNumber: number, name: latest.score.name, departmentName: latest.score.departmentName, section: latest.score.section,
                years: years.map { ChiefYear(year: $0.year, run: $0.run, result: $0.score) }))
    }

    static func year(_ context: PingyiRequestContext) throws -> Int {
        guard let year = AppraisalYearNumber(validating: context.parameters.get("year", as: Int.self))?.value else {
            throw APIError.badRequest("年度应为 2000–2100 的整数")
        }
        return year
    }

    func personnel(year: Int) async throws -> (Int, [PersonnelRow]) {
        do {
            return try await reading.personnel(year: year)
        } catch AppraisalError.notPublished(let year) {
            throw APIError.notFound("\(year) 年度尚未发布正式结果")
        } catch AppraisalError.notFound(let year) {
            throw APIError.notFound("\(year) 年度考评不存在")
        }
    }

    /// The official run, or `?run=latest` / `?run=N`.
    func chosenRun(year: Int, query: Hummingbird.Parameters) async throws -> ScoringRun {
        do {
            switch query.get("run") {
            case nil, "official": return try await reading.officialRun(year: year)
            case "latest": return try await reading.run(year: year, runID: nil)
            case let text?:
                guard let id = Int(text), id > 0 else { throw APIError.badRequest("run 应为 official、latest 或评分结果编号") }
                return try await reading.run(year: year, runID: id)
            }
        } catch AppraisalError.notPublished(let year) {
            throw APIError.notFound("\(year) 年度尚未发布正式结果（可用 ?run=latest）")
        } catch AppraisalError.notFound(let year) {
            throw APIError.notFound("\(year) 年度考评不存在")
        } catch AppraisalError.noRun(let year) {
            throw APIError.notFound("\(year) 年度没有该评分结果")
        }
    }

    func scores(year: Int, query: Hummingbird.Parameters) async throws -> ScoresPage {
        let limit =
            try query.get("limit").map { text -> Int in
                guard let value = Int(text), (1...500).contains(value) else { throw APIError.badRequest("limit 应为 1–500") }
                return value
            } ?? 100
        let offset =
            try query.get("cursor").map { text -> Int in
                guard let value = Int(text), value >= 0 else { throw APIError.badRequest("cursor 无效") }
                return value
            } ?? 0
        let flagged = try query.get("flagged").map { text -> Bool in
            switch text {
            case "true": return true
            case "false": return false
            default: throw APIError.badRequest("flagged 应为 true 或 false")
            }
        }
        let sort = query.get("sort") ?? "rank"
        guard ["rank", "composite", "department"].contains(sort) else { throw APIError.badRequest("sort 应为 rank、composite 或 department") }

        let run = try await chosenRun(year: year, query: query)
        var chiefs = run.scores
        if let department = query.get("department") {
            // Like the console: a department the run does not know is 404, not an empty list.
            guard chiefs.contains(where: { $0.departmentCode == department }) else {
                throw APIError.notFound("本次评分中没有部门 \(department)（部门代码有误，或该部门没有股室长）")
            }
            chiefs = chiefs.filter { $0.departmentCode == department }
        }
        if let flagged { chiefs = chiefs.filter { $0.flagged == flagged } }
        switch sort {
        case "composite": chiefs.sort { ($0.composite ?? -1, $1.employeeNumber) > ($1.composite ?? -1, $0.employeeNumber) }
        case "department": chiefs.sort { ($0.departmentCode, $0.employeeNumber) < ($1.departmentCode, $1.employeeNumber) }
        default: break
        }
        let page = Array(chiefs.dropFirst(offset).prefix(limit))
        let next = offset + page.count < chiefs.count ? String(offset + page.count) : nil
        return ScoresPage(year: year, run: run.id, official: run.official, total: chiefs.count, chiefs: page, nextCursor: next)
    }
}
