import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// 问题台账 (admin, orgdept): the ledger with filters, a problem's timeline, the monthly 调度
/// table (printable, CSV and .xlsx) and the quarterly ranking with its chart.
struct ConsoleProblemsController: Sendable {
    let gate: ConsoleGate
    let problems: ProblemStore
    let roster: RosterStore

    static let roles: Set<APIRole> = [.admin, .orgdept]

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("problems", use: self.showLedger)
        console.get("problems.xlsx", use: self.downloadLedger)
        console.get("problems/monthly", use: self.showMonthly)
        for download in [SpreadsheetDownload.csv, .xlsx] {
            console.get("problems/monthly.\(download.rawValue)", use: self.downloadMonthly)
        }
        console.get("problems/quarterly", use: self.showQuarterly)
        console.get("problems/quarterly.xlsx", use: self.downloadQuarterly)
        console.get("problems/:id", use: self.showProblem)
    }

    /// `GET /console/problems`.
    func showLedger(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles)
        return try await list(visit, query: request.uri.queryParameters)
    }

    /// `GET /console/problems.xlsx`.
    func downloadLedger(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: Self.roles)
        return try await export(request.uri.queryParameters)
    }

    /// `GET /console/problems/monthly`.
    func showMonthly(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles)
        let month = try Self.month(request.uri.queryParameters)
        let open = try await problems.list()
        return gate.views.page(
            ConsoleLedgerMonthPage(
                member: visit.header, month: month, rows: try await problems.monthly(month),
                problems: Dictionary(open.map { ($0.id, $0) }) { first, _ in first }))
    }

    /// `GET /console/problems/monthly.csv` and `.xlsx`.
    func downloadMonthly(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: Self.roles)
        let download = SpreadsheetDownload(path: request.uri.path)
        let month = try Self.month(request.uri.queryParameters)
        return try await download.response(
            ConsoleLedgerMonthPage.sheet(month, rows: try await problems.monthly(month)), name: "problems-\(month)",
            chinese: "问题台账月调度表-\(month)", cacheControl: "no-store")
    }

    /// `GET /console/problems/quarterly`.
    func showQuarterly(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles)
        let (year, quarter) = try Self.quarter(request.uri.queryParameters)
        return gate.views.page(
            ConsoleLedgerQuarterPage(
                member: visit.header, year: year, quarter: quarter, ranking: try await problems.quarterly(year: year, quarter: quarter)))
    }

    /// `GET /console/problems/quarterly.xlsx`.
    func downloadQuarterly(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: Self.roles)
        let (year, quarter) = try Self.quarter(request.uri.queryParameters)
        return try await SpreadsheetDownload.xlsx.response(
            ConsoleLedgerQuarterPage.sheet(year: year, quarter: quarter, ranking: try await problems.quarterly(year: year, quarter: quarter)),
            name: "problems-\(year)-q\(quarter)", chinese: "问题办理季度排名-\(year)年\(ConsoleLedgerQuarterPage.quarterName(quarter))",
            cacheControl: "no-store")
    }

    /// `GET /console/problems/:id`.
    func showProblem(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles.union([.department]))
        let (problem, history) = try await Self.visible(context.parameters.get("id"), to: visit.member, in: problems)
        let departments = visit.member.role == .admin ? try await roster.departments().map { ($0.code, $0.name) } : []
        return gate.views.page(
            ConsoleProblemPage(
                member: visit.header, problem: problem, history: history, calendars: try await problems.calendars(), role: visit.member.role,
                csrf: visit.csrf, departments: departments, done: request.uri.queryParameters.get("done"),
                evidence: try await problems.evidence(problem: problem.id),
                contact: visit.member.role == .department ? (nil, nil) : try await problems.contact(of: problem.id),
                names: Dictionary(try await gate.staff.list().map { ($0.member.login, $0.member.name) }) { first, _ in first }))
    }

    /// The problem of `text` with its history, when `member` may see it: the office's side sees
    /// every one; a department's liaison only its own department's, and any other — or one
    /// that does not exist — is the same 404, so that guessing ids tells nothing.
    static func visible(_ text: String?, to member: StaffMember, in problems: ProblemStore) async throws -> (Problem, [ProblemRecord]) {
        let missing = ConsoleRefusal.notFound("没有该问题", member.role == .department ? "请从本部门问题进入。" : "请从问题台账进入。")
        guard let text, let id = Int(text), id > 0, id < Int(Int32.max) else { throw missing }
        do {
            let (problem, history) = try await problems.show(id)
            if member.role == .department, problem.departmentCode == nil || problem.departmentCode != member.departmentCode { throw missing }
            return (problem, history)
        } catch ProblemError.notFound {
            throw missing
        }
    }

    /// `?year=&quarter=`, this quarter by default (the fourth of a past year).
    static func quarter(_ query: Hummingbird.Parameters) throws -> (Int, Int) {
        let today = CountyCalendar.today()
        let year =
            try query.get("year").map { text -> Int in
                guard let year = AppraisalYearNumber(validating: Int(text))?.value else { throw ConsoleRefusal.badRequest("年度无效", "年度应为 2000–2100。") }
                return year
            } ?? today.year
        let quarter =
            try query.get("quarter").map { text -> Int in
                guard let quarter = Int(text), (1...4).contains(quarter) else { throw ConsoleRefusal.badRequest("季度无效", "季度应为 1–4。") }
                return quarter
            } ?? (year == today.year ? (today.month - 1) / 3 + 1 : 4)
        return (year, quarter)
    }

    /// `?month=2026-11`, this month by default.
    static func month(_ query: Hummingbird.Parameters) throws -> LedgerMonth {
        guard let text = query.get("month"), !text.isEmpty else {
            let today = CountyCalendar.today()
            return LedgerMonth(year: today.year, month: today.month)!
        }
        guard let month = LedgerMonth(parsing: text) else { throw ConsoleRefusal.badRequest("月份无效", "月份应为 2026-11 这样的格式。") }
        return month
    }

    /// The list's filter from the address: 状态, 部门, 渠道, 只看逾期 and words (`q`); a value not
    /// offered is refused.
    func filter(_ query: Hummingbird.Parameters, departments: [Department]) throws -> ProblemStore.Filter {
        var filter = ProblemStore.Filter()
        if let text = query.get("state"), !text.isEmpty {
            guard let state = ProblemState(rawValue: text) else { throw ConsoleRefusal.badRequest("状态无效", "请从列表中选择。") }
            filter.state = state
        }
        if let code = query.get("department"), !code.isEmpty {
            guard departments.contains(where: { $0.code == code }) else { throw ConsoleRefusal.notFound("没有该部门", "请从部门列表中选择。") }
            filter.department = code
        }
        if let text = query.get("channel"), !text.isEmpty {
            guard let channel = ProblemChannel(rawValue: text) else { throw ConsoleRefusal.badRequest("渠道无效", "请从列表中选择。") }
            filter.channel = channel
        }
        if let words = query.get("q")?.trimmingCharacters(in: .whitespacesAndNewlines), !words.isEmpty {
            guard words.count <= 100, !words.contains("\u{0}") else { throw ConsoleRefusal.badRequest("搜索词过长", "请用不超过 100 字的词语搜索。") }
            filter.text = words
        }
        if query.get("overdue") == "1" { filter.overdueOn = CountyCalendar.today() }
        return filter
    }

    func list(_ visit: ConsoleVisit, query: Hummingbird.Parameters) async throws -> Response {
        let departments = try await roster.departments()
        let filter = try filter(query, departments: departments)
        return gate.views.page(
            ConsoleProblemsPage(
                member: visit.header, problems: try await problems.list(filter), departments: departments.map { ($0.code, $0.name) },
                filter: filter, today: CountyCalendar.today(), calendars: try await problems.calendars(),
                assigned: query.get("assigned").flatMap { Int($0) }))
    }

    /// The list as shown (its filter), as .xlsx.
    func export(_ query: Hummingbird.Parameters) async throws -> Response {
        let departments = try await roster.departments()
        let filter = try filter(query, departments: departments)
        let today = CountyCalendar.today()
        return try await SpreadsheetDownload.xlsx.response(
            ConsoleProblemsPage.sheet(try await problems.list(filter), today: today, calendars: try await problems.calendars()),
            name: "problems-\(today)", chinese: "问题台账-\(today)", cacheControl: "no-store")
    }
}
