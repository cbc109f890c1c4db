import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// The office's writes and reads through the API: follow-up outcomes and the audit log.
struct AdminController {
    let followUps: FollowUpStore
    let audit: AuditStore

    /// `PATCH /api/v1/follow-ups/{id}`'s body.
    struct FollowUpPatch: Decodable {
        let status: FollowUpStatus
        let note: String
    }

    func add(to group: RouterGroup<PingyiRequestContext>) {
        group.patch("follow-ups/:id", use: self.recordFollowUp)
        group.get("audit", use: self.listAudit)
    }

    /// `PATCH /api/v1/follow-ups/:id`.
    func recordFollowUp(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin])
        guard let id = context.parameters.get("id", as: Int.self), id > 0 else { throw APIError.badRequest("编号无效") }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "请求体须为 application/json")
        }
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024)
        let patch: FollowUpPatch
        do {
            patch = try JSONDecoder().decode(FollowUpPatch.self, from: Data(buffer: body))
        } catch {
            throw APIError.badRequest(#"请求体应为 {"status": "done" 或 "waived", "note": "办理情况"}"#)
        }
        guard !patch.note.utf8.contains(0) else { throw ControlCharacterError() }
        // A FollowUpError is answered by its HTTP problem (404, 409 or 422).
        let actor = "api:" + (context.apiKey?.name ?? "?")
        return try JSONResponse.make(try await followUps.record(id: id, status: patch.status, note: patch.note, actor: actor))
    }

    /// `GET /api/v1/audit`.
    func listAudit(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        try context.require([.admin])
        let query = request.uri.queryParameters
        let since = try query.get("since").map { text -> Date in
            guard let date = ISO8601DateFormatter().date(from: text) else { throw APIError.badRequest("since 应为 ISO 8601 时间") }
            return date
        }
        let limit =
            try query.get("limit").map { text -> Int in
                guard let value = Int(text), (1...1000).contains(value) else { throw APIError.badRequest("limit 应为 1–1000") }
                return value
            } ?? 200
        return try JSONResponse.make(["entries": try await audit.list(since: since, limit: limit)])
    }
}
