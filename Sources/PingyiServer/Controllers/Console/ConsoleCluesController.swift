import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// 问题线索 (admin): the supervisors' clues, filtered by status, moved through new → assigned →
/// resolved with a note (audited).
struct ConsoleCluesController: Sendable {
    let gate: ConsoleGate
    let clues: ProblemClueStore

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("clues", use: self.showClues)
        console.get("clues.xlsx", use: self.downloadClues)
        console.post("clues/:id", use: self.updateClue)
    }

    /// `GET /console/clues`.
    func showClues(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        var status: ProblemClue.Status?
        if let text = request.uri.queryParameters.get("status"), !text.isEmpty {
            guard let chosen = ProblemClue.Status(rawValue: text) else {
                throw ConsoleRefusal.badRequest("无法识别的状态", "状态只能是 new、assigned 或 resolved。", back: "/console/clues")
            }
            status = chosen
        }
        let all = try await clues.list()
        return gate.views.page(
            ConsoleCluesPage(
                member: visit.header, csrf: visit.csrf, clues: all.filter { status == nil || $0.status == status }, all: all, status: status))
    }

    /// `GET /console/clues.xlsx`.
    func downloadClues(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: [.admin])
        let today = CountyCalendar.today()
        return try await SpreadsheetDownload.xlsx.response(
            ConsoleCluesPage.sheet(try await clues.list()), name: "clues-\(today)", chinese: "问题线索-\(today)", cacheControl: "no-store")
    }

    /// `POST /console/clues/:id`.
    func updateClue(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw ConsoleRefusal.notFound("问题线索不存在", "请从问题线索页面进入。")
        }
        guard let status = fields["status"].flatMap(ProblemClue.Status.init(rawValue:)) else {
            throw ConsoleRefusal.badRequest("无法识别的状态", "状态只能是新线索、已交办或已办结。", back: "/console/clues")
        }
        do {
            _ = try await clues.update(id: id, status: status, note: fields["note"] ?? "", actor: visit.actor)
        } catch ProblemClueError.notFound {
            throw ConsoleRefusal.notFound("问题线索不存在", "请从问题线索页面进入。")
        } catch let error as ProblemClueError {
            throw ConsoleRefusal(heading: "未能保存", text: error.description, status: .unprocessableContent, back: "/console/clues")
        }
        return ConsoleGate.redirect("/console/clues")
    }
}
