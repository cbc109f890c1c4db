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

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/console/calendars") { request, _ in
            try await gate.page(request, roles: [.admin]) { visit in
                gate.views.page(try await page(visit))
            }
        }
        router.post("/console/calendars") { request, _ in
            try await gate.form(request, roles: [.admin]) { visit, fields in
                let (year, holidays, workdays) = (fields["year"] ?? "", fields["holidays"] ?? "", fields["workdays"] ?? "")
                let text: String
                do {
                    text = try WorkingCalendar.typedText(year: year, holidays: holidays, workdays: workdays)
                } catch let invalid as InvalidFile {
                    return try await refused(visit, invalid.issues, year: year, holidays: holidays, workdays: workdays)
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
        }
        router.post("/console/calendars/upload") { request, _ in
            try await gate.upload(request, as: Upload.self, roles: [.admin], limit: 256 * 1024, csrf: \.csrf) { visit, upload in
                var bytes = [UInt8](upload.file)
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self) else {
                    return try await refused(visit, [FileIssue(file: "日历文件", line: 1, message: "文件是空的或不是 UTF-8 文本：请上传 .yaml 日历文件")])
                }
                return try await save(visit, text: text, file: "日历文件") { issues in try await refused(visit, issues) }
            }
        }
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
