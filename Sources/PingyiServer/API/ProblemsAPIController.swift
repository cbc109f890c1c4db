import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// The problem ledger through the API (admin, orgdept): the list with filters, one problem with
/// its history, the monthly 调度 table and the quarterly ranking.
struct ProblemsAPIController {
    let problems: ProblemStore

    struct ListPage: Encodable {
        let total: Int
        let problems: [Problem]
    }

    struct DetailPage: Encodable {
        let problem: Problem
        let history: [ProblemRecord]
    }

    struct MonthLine: Encodable {
        let department: DepartmentMonth
        let onTimeRate: Double?
        let replyRate: Double?
        let satisfactionRate: Double?
    }

    struct MonthPage: Encodable {
        let month: String
        let departments: [MonthLine]
        let interviewReminders: [String]
    }

    struct QuarterPage: Encodable {
        let year: Int
        let quarter: Int
        let departments: [DepartmentQuarter]
    }

    static let roles: Set<APIRole> = [.admin, .orgdept]

    func add(to group: RouterGroup<PingyiRequestContext>) {
        group.get("problems", use: self.listProblems)
        group.get("problems/reports/monthly", use: self.monthlyReport)
        group.get("problems/reports/quarterly", use: self.quarterlyReport)
        group.get("problems/:id", use: self.showProblem)
    }

    /// `GET /api/v1/problems`.
    func listProblems(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require(Self.roles)
        let query = request.uri.queryParameters
        var filter = ProblemStore.Filter(department: query.get("department"))
        if let text = query.get("state") {
            guard let state = ProblemState(rawValue: text) else { throw APIError.badRequest("state 应为 received、assigned、done 或 closed") }
            filter.state = state
        }
        if let text = query.get("channel") {
            guard let channel = ProblemChannel(rawValue: text) else { throw APIError.badRequest("channel 不是有效渠道") }
            filter.channel = channel
        }
        if let text = query.get("month") {
            guard let month = LedgerMonth(parsing: text) else { throw APIError.badRequest("month 应为 2026-11 这样的月份") }
            filter.month = month
        }
        switch query.get("overdue") {
        case nil, "false": break
        case "true": filter.overdueOn = CountyCalendar.today()
        default: throw APIError.badRequest("overdue 应为 true 或 false")
        }
        let list = try await problems.list(filter)
        return try JSONResponse.make(ListPage(total: list.count, problems: list))
    }

    /// `GET /api/v1/problems/reports/monthly`.
    func monthlyReport(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require(Self.roles)
        guard let text = request.uri.queryParameters.get("month"), let month = LedgerMonth(parsing: text) else {
            throw APIError.badRequest("须指定 month，如 2026-11")
        }
        let rows = try await problems.monthly(month)
        return try JSONResponse.make(
            MonthPage(
                month: month.description,
                departments: rows.map {
                    MonthLine(department: $0, onTimeRate: $0.onTimeRate, replyRate: $0.replyRate, satisfactionRate: $0.satisfactionRate)
                },
                interviewReminders: rows.compactMap { row in row.interviewReason.map { "\(row.name)：\($0)" } }))
    }

    /// `GET /api/v1/problems/reports/quarterly`.
    func quarterlyReport(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require(Self.roles)
        let query = request.uri.queryParameters
        guard let year = AppraisalYearNumber(validating: query.get("year").flatMap(Int.init))?.value else {
            throw APIError.badRequest("须指定 year（2000–2100）")
        }
        guard let quarter = query.get("quarter").flatMap(Int.init), (1...4).contains(quarter) else {
            throw APIError.badRequest("须指定 quarter（1–4）")
        }
        return try JSONResponse.make(
            QuarterPage(year: year, quarter: quarter, departments: try await problems.quarterly(year: year, quarter: quarter)))
    }

    /// `GET /api/v1/problems/:id`.
    func showProblem(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require(Self.roles)
        guard let id = context.parameters.get("id", as: Int.self), id > 0, id < Int(Int32.max) else { throw APIError.badRequest("编号无效") }
        let (problem, history) = try await problems.show(id)
        return try JSONResponse.make(DetailPage(problem: problem, history: history))
    }
}
