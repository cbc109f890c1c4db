import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// 工作日历 (admin): next year's holidays and 调休 days, typed in from the State Council's notice
/// or uploaded as a calendar file; read by the same parser and rules as `pingyi calendar import`
/// (`WorkingCalendar.parse`), and on import the open deadlines counted with weekends only are
/// counted again (`ProblemStore.importCalendar`), each in its problem's history.
struct ConsoleCalendarsController: Sendable {
    let gate: ConsoleGate
    let problems: ProblemStore

    /// The upload form's fields.
    struct Upload: Decodable, Sendable {
        let csrf: String
        let file: Data
    }

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("calendars", use: self.showCalendars)
        console.post("calendars", use: self.saveTypedCalendar)
        console.post("calendars/upload", use: self.saveUploadedCalendar)
    }

    /// `GET /console/calendars`.
    func showCalendars(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        return gate.views.page(try await page(visit))
    }

    /// `POST /console/calendars`.
    func saveTypedCalendar(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        let (year, holidays, workdays) = (fields["year"] ?? "", fields["holidays"] ?? "", fields["workdays"] ?? "")
        let text: String
        switch Result(catching: { () throws(InvalidFile) -> String in
            try WorkingCalendar.typedText(year: year, holidays: holidays, workdays: workdays)
        }) {
        case .success(let typed): text = typed
        case .failure(let invalid): return try await refused(visit, invalid.issues, year: year, holidays: holidays, workdays: workdays)
        }
        return try await save(visit, text: text, file: "控制台录入") { issues in
            // Found in the text made from the fields: its lines are not the fields' lines.
            let named = issues.map { issue in
                let list = issue.column.map { $0.hasPrefix("holidays") ? "放假日期" : $0.hasPrefix("workdays") ? "调休上班日期" : "年份" }
                return FileIssue(file: issue.file, line: 0, column: list, message: issue.message)
            }
            return try await refused(visit, named, year: year, holidays: holidays, workdays: workdays)
        }
    }

    /// `POST /console/calendars/upload`.
    func saveUploadedCalendar(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, upload) = try await gate.upload(request, context, as: Upload.self, roles: [.admin], limit: 256 * 1024, csrf: \.csrf)
        var bytes = [UInt8](upload.file)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self) else {
            return try await refused(visit, [FileIssue(file: "日历文件", line: 1, message: "文件是空的或不是 UTF-8 文本：请上传 .yaml 日历文件")])
        }
        return try await save(visit, text: text, file: "日历文件") { issues in try await refused(visit, issues) }
    }

    func page(_ visit: ConsoleVisit) async throws -> ConsoleCalendarsPage {
        ConsoleCalendarsPage(member: visit.header, csrf: visit.csrf, calendars: try await problems.calendars(), today: CountyCalendar.today())
    }

    /// Imports `text`; on success, what was saved and how many deadlines were counted again.
    func save(_ visit: ConsoleVisit, text: String, file: String, refuse: ([FileIssue]) async throws -> Response) async throws -> Response {
        let imported: (calendar: WorkingCalendar, recounted: Int)
        do {
            imported = try await problems.importCalendar(text, file: file, actor: visit.actor)
        } catch let invalid as InvalidFile {
            return try await refuse(invalid.issues)
        }
        let calendar = imported.calendar
        return gate.message(
            visit, heading: "已保存 \(calendar.year) 年工作日历",
            text: "放假 \(calendar.holidays.count) 天，调休上班 \(calendar.workdays.count) 天。"
                + (imported.recounted > 0
                    ? "按周末暂算的办理期限已重算 \(imported.recounted) 件，每件的处理记录中写明了原期限和新期限。" : "没有需要重算的办理期限。"),
            status: .ok, back: "/console/calendars")
    }

    /// The page again with what was entered and every problem; nothing saved.
    func refused(
        _ visit: ConsoleVisit, _ issues: [FileIssue], year: String? = nil, holidays: String = "", workdays: String = ""
    ) async throws -> Response {
        var model = try await page(visit)
        if let year { model.typedYear = year }
        model.typedHolidays = holidays
        model.typedWorkdays = workdays
        model.problems = issues.map { .init(line: $0.line > 0 ? "第 \($0.line) 行" : "", list: $0.column ?? "", message: $0.message) }
        model.hasProblems = true
        return gate.views.page(model, status: .unprocessableContent)
    }
}
