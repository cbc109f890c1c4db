import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// 整改跟踪 (admin): the follow-ups, overdue first, and the outcome of each recorded (audited).
struct ConsoleFollowUpsController: Sendable {
    let gate: ConsoleGate
    let followUps: FollowUpStore

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/console/follow-ups") { request, _ in
            try await gate.page(request, roles: [.admin]) { visit in try await page(visit) }
        }
        router.post("/console/follow-ups/:id") { request, context in
            try await gate.form(request, roles: [.admin]) { visit, fields in
                try await record(visit, id: context.parameters.get("id"), fields: fields)
            }
        }
    }

    func page(_ visit: ConsoleVisit, failed: (id: Int, note: String, error: String)? = nil) async throws -> Response {
        gate.views.page(
            "console-follow-ups",
            ConsoleFollowUpsPage(
                member: visit.header, csrf: visit.csrf, followUps: try await followUps.list(), today: CountyCalendar.today(), failed: failed),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    func record(_ visit: ConsoleVisit, id text: String?, fields: [String: String]) async throws -> Response {
        guard let text, let id = Int(text), id > 0, id < Int(Int32.max) else {
            throw ConsoleRefusal.notFound("整改记录不存在", "请从整改跟踪页面进入。")
        }
        let note = fields["note"] ?? ""
        guard let status = fields["status"].flatMap(FollowUpStatus.init(rawValue:)), status != .pending else {
            return try await page(visit, failed: (id, note, FollowUpError.statusRequired.description))
        }
        do {
            _ = try await followUps.record(id: id, status: status, note: note, actor: visit.actor)
        } catch FollowUpError.notFound {
            throw ConsoleRefusal.notFound("整改记录不存在", "请从整改跟踪页面进入。")
        } catch let error as FollowUpError {
            return try await page(visit, failed: (id, note, error.description))
        }
        return ConsoleGate.redirect("/console/follow-ups")
    }
}
