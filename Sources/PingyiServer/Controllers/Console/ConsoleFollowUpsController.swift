import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// 整改跟踪 (admin, and the 组织部, which carries out 诫勉谈话 and 组织处理): the follow-ups,
/// overdue first, and the outcome of each recorded with the day it was carried out (audited).
struct ConsoleFollowUpsController: Sendable {
    let gate: ConsoleGate
    let followUps: FollowUpStore

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("follow-ups", use: self.showFollowUps)
        console.post("follow-ups/:id", use: self.recordOutcome)
    }

    /// `GET /console/follow-ups`.
    func showFollowUps(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles)
        return try await page(visit)
    }

    /// `POST /console/follow-ups/:id`.
    func recordOutcome(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: Self.roles)
        return try await record(visit, id: context.parameters.get("id"), fields: fields)
    }

    static let roles: Set<APIRole> = [.admin, .orgdept]

    func page(_ visit: ConsoleVisit, failed: (id: Int, note: String, error: String)? = nil) async throws -> Response {
        gate.views.page(
            ConsoleFollowUpsPage(
                member: visit.header, csrf: visit.csrf, followUps: try await followUps.list(), today: CountyCalendar.today(), failed: failed),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    func record(_ visit: ConsoleVisit, id text: String?, fields: [String: String]) async throws -> Response {
        guard let text, let id = Int(text), id > 0, id < Int(Int32.max) else {
            throw ConsoleRefusal.notFound("整改记录不存在", "请从整改跟踪页面进入。")
        }
        let note = fields["note"] ?? ""
        guard let status = fields["status"].flatMap(FollowUpStatus.init(rawValue:)), FollowUpFlow.outcomes.contains(status) else {
            return try await page(visit, failed: (id, note, FollowUpError.statusRequired.description))
        }
        let typedDay = (fields["doneOn"] ?? "").trimmingCharacters(in: .whitespaces)
        var doneOn: CivilDate?
        if !typedDay.isEmpty {
            guard let day = CivilDate(parsing: typedDay) else {
                return try await page(visit, failed: (id, note, FollowUpError.badDoneOn(CountyCalendar.today()).description))
            }
            doneOn = day
        }
        do {
            _ = try await followUps.record(id: id, status: status, note: note, doneOn: doneOn, actor: visit.actor)
        } catch FollowUpError.notFound {
            throw ConsoleRefusal.notFound("整改记录不存在", "请从整改跟踪页面进入。")
        } catch let error as FollowUpError {
            return try await page(visit, failed: (id, note, error.description))
        }
        return ConsoleGate.redirect("/console/follow-ups")
    }
}
