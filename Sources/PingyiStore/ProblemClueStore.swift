import Foundation
import PingyiCore
import PingyiPostgres

/// 问题线索: the supervisors' clues, listed and moved through new → assigned → resolved by the
/// office (audit-logged).
public struct ProblemClueStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    static let select = """
        SELECT p.id, p.campaign_id, p.department_code, d.name AS department_name, p.body, p.signed_by,
               p.reported_on::text AS reported_on, p.status, p.note
        FROM problem_clues p JOIN departments d ON d.code = p.department_code
        """

    /// The clues, open ones first (new, then assigned), newest first, optionally of one status.
    public func list(status: ProblemClue.Status? = nil) async throws -> [ProblemClue] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                \(unescaped: ProblemClueStore.select)
                WHERE \(status?.rawValue)::text IS NULL OR p.status = \(status?.rawValue)
                ORDER BY array_position(ARRAY['new', 'assigned', 'resolved'], p.status), p.reported_on DESC, d.code, p.body
                """
            ).map(ProblemClueStore.decode)
        }
    }

    /// Sets a clue's status and note (an empty note clears it).
    public func update(id: UUID, status: ProblemClue.Status, note: String, actor: String) async throws -> ProblemClue {
        guard let trimmed = Note(note)?.text else { throw ProblemClueError.noteTooLong }
        return try await pool.transaction { connection in
            guard
                let before = try connection.query("\(unescaped: ProblemClueStore.select) WHERE p.id = \(id) FOR UPDATE OF p").first
                    .map(ProblemClueStore.decode)
            else { throw ProblemClueError.notFound }
            let stored: String? = trimmed.isEmpty ? nil : trimmed
            try connection.query("UPDATE problem_clues SET status = \(status.rawValue), note = \(stored) WHERE id = \(id)")
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "clue.update", subject: "clue \(id.uuidString.lowercased())",
                    beforeJSON: AuditLog.json(["status": before.status.rawValue, "note": before.note ?? ""]),
                    afterJSON: AuditLog.json(["status": status.rawValue, "note": stored ?? ""])),
                on: connection)
            var after = before
            after.status = status
            after.note = stored
            return after
        }
    }

    static func decode(_ row: Row) throws -> ProblemClue {
        ProblemClue(
            id: try row.decode("id"), campaignID: try row.decode("campaign_id"),
            departmentCode: try row.decode("department_code"), departmentName: try row.decode("department_name"),
            body: try row.decode("body"), signedBy: try row.decode("signed_by"),
            reportedOn: CivilDate(parsing: try row.decode("reported_on")) ?? CivilDate(year: 2000, month: 1, day: 1)!,
            status: ProblemClue.Status(rawValue: try row.decode("status")) ?? .new, note: try row.decode("note"))
    }
}
