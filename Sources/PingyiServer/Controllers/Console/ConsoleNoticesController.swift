import Foundation
import Hummingbird
import PingyiCore
import PingyiStore
import PingyiWorkflows

/// 通报 (admin, orgdept): the year's result, a month's 调度 and a quarter's ranking of problem
/// handling, each as a print page (A4, the official layout; PDF through the browser's 打印) and a
/// Word file from the shipped template, with the 文号 the office types (`?number=`).
struct ConsoleNoticesController: Sendable {
    let gate: ConsoleGate
    let scoring: ScoringResultsStore
    let problems: ProblemStore

    static let roles: Set<APIRole> = [.admin, .orgdept]

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("notices/annual", use: self.showAnnual)
        console.get("notices/annual.docx", use: self.downloadAnnual)
        console.get("notices/monthly", use: self.showMonthly)
        console.get("notices/monthly.docx", use: self.downloadMonthly)
        console.get("notices/quarterly", use: self.showQuarterly)
        console.get("notices/quarterly.docx", use: self.downloadQuarterly)
    }

    /// `GET /console/notices/annual`.
    func showAnnual(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles)
        let (notice, year, problem) = try await annual(request.uri.queryParameters)
        return page(
            visit, notice, action: "/console/notices/annual", fields: [("year", "\(year)")], back: "/console/years/\(year)",
            backLabel: "返回 \(year) 年度工作台", problem: problem, admin: visit.member.role == .admin, orgdeptBack: "/console/ranking?year=\(year)")
    }

    /// `GET /console/notices/annual.docx`.
    func downloadAnnual(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: Self.roles)
        let (notice, year, problem) = try await annual(request.uri.queryParameters)
        if let problem { throw ConsoleRefusal.badRequest("文号无效", problem) }
        return try await docx(notice, ascii: "tongbao-\(year)", chinese: "\(year)年度股室长评议结果通报")
    }

    /// `GET /console/notices/monthly`.
    func showMonthly(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles)
        let (notice, month, problem) = try await monthly(request.uri.queryParameters)
        return page(
            visit, notice, action: "/console/notices/monthly", fields: [("month", "\(month)")],
            back: "/console/problems/monthly?month=\(month)",
            backLabel: "返回 \(month.year) 年 \(month.month) 月调度表", problem: problem)
    }

    /// `GET /console/notices/monthly.docx`.
    func downloadMonthly(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: Self.roles)
        let (notice, month, problem) = try await monthly(request.uri.queryParameters)
        if let problem { throw ConsoleRefusal.badRequest("文号无效", problem) }
        return try await docx(notice, ascii: "tongbao-\(month)", chinese: "\(month.year)年\(month.month)月问题办理情况通报")
    }

    /// `GET /console/notices/quarterly`.
    func showQuarterly(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles)
        let (notice, year, quarter, problem) = try await quarterly(request.uri.queryParameters)
        return page(
            visit, notice, action: "/console/notices/quarterly", fields: [("year", "\(year)"), ("quarter", "\(quarter)")],
            back: "/console/problems/quarterly?year=\(year)&quarter=\(quarter)", backLabel: "返回季度排名", problem: problem)
    }

    /// `GET /console/notices/quarterly.docx`.
    func downloadQuarterly(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: Self.roles)
        let (notice, year, quarter, problem) = try await quarterly(request.uri.queryParameters)
        if let problem { throw ConsoleRefusal.badRequest("文号无效", problem) }
        return try await docx(notice, ascii: "tongbao-\(year)-q\(quarter)", chinese: "\(year)年第\(quarter)季度问题办理排名通报")
    }

    /// The typed 文号, or empty and why it was refused.
    static func docNumber(_ query: Hummingbird.Parameters) -> (String, String?) {
        do {
            return (try Notice.docNumber(query.get("number") ?? ""), nil)
        } catch {
            return ("", error.description)
        }
    }

    func annual(_ query: Hummingbird.Parameters) async throws -> (Notice, Int, String?) {
        let (run, _) = try await ConsoleRankingController.shownRun(
            query, scoring: scoring, none: "在年度工作台「正式计分」并发布后，即可生成年度通报。")
        let year = run.year
        let departments = try await scoring.departments(year: year, run: run, responseRates: false).filter { $0.chiefs > 0 }
        let (number, problem) = Self.docNumber(query)
        let notice = Notice.annual(
            run: run, departments: departments, identity: gate.views.identity.current, docNumber: number, issuedOn: CountyCalendar.today())
        return (notice, year, problem)
    }

    func monthly(_ query: Hummingbird.Parameters) async throws -> (Notice, LedgerMonth, String?) {
        let month = try ConsoleProblemsController.month(query)
        let (number, problem) = Self.docNumber(query)
        let notice = Notice.monthly(
            month: month, rows: try await problems.monthly(month), identity: gate.views.identity.current, docNumber: number,
            issuedOn: CountyCalendar.today())
        return (notice, month, problem)
    }

    func quarterly(_ query: Hummingbird.Parameters) async throws -> (Notice, Int, Int, String?) {
        let (year, quarter) = try ConsoleProblemsController.quarter(query)
        let (number, problem) = Self.docNumber(query)
        let notice = Notice.quarterly(
            year: year, quarter: quarter, rows: try await problems.quarterly(year: year, quarter: quarter), identity: gate.views.identity.current,
            docNumber: number, issuedOn: CountyCalendar.today())
        return (notice, year, quarter, problem)
    }

    func page(
        _ visit: ConsoleVisit, _ notice: Notice, action: String, fields: [(String, String)], back: String, backLabel: String, problem: String?,
        admin: Bool = true, orgdeptBack: String? = nil
    ) -> Response {
        let (back, backLabel) = !admin && orgdeptBack != nil ? (orgdeptBack!, "返回排名") : (back, backLabel)
        return gate.views.page(
            ConsoleNoticePage(
                member: visit.header, notice: notice, action: action, fields: fields, back: back, backLabel: backLabel, problem: problem),
            status: problem == nil ? .ok : .unprocessableContent)
    }

    func docx(_ notice: Notice, ascii: String, chinese: String) async throws -> Response {
        let data = try await NoticeDocx.data(notice)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                .contentDisposition: AttachmentName.header(ascii: "\(ascii).docx", chinese: "\(chinese).docx"), .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
