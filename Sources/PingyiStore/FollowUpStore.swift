import Foundation
import PingyiCore
import PingyiPostgres

/// The follow-ups of flagged chiefs: listed, and their outcomes recorded (audit-logged).
public struct FollowUpStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    static let select = """
        SELECT f.id, f.year, f.employee_number, c.name, d.name AS department_name, f.action, f.reason, f.due_on::text AS due_on,
               f.status, f.outcome, f.recorded_by, f.done_on::text AS done_on
        FROM follow_ups f
        JOIN chiefs c ON c.employee_number = f.employee_number
        JOIN sections s ON s.id = c.section_id
        JOIN departments d ON d.code = s.department_code
        """

    /// The follow-ups, overdue and pending first, then by due date.
    public func list(year: Int? = nil, status: FollowUpStatus? = nil) async throws -> [FollowUp] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                \(unescaped: FollowUpStore.select)
                WHERE (\(year)::int IS NULL OR f.year = \(year)) AND (\(status?.rawValue)::text IS NULL OR f.status = \(status?.rawValue))
                ORDER BY f.status = 'pending' DESC, f.due_on, f.id
                """
            ).map(FollowUpStore.decode)
        }
    }

    /// Every outcome recorded for a follow-up, oldest first: status, note, who, when (China time).
    public func history(id: Int) async throws -> [(status: FollowUpStatus, note: String, by: String, at: String)] {
        try await pool.withConnection { connection in
            guard try connection.query("SELECT 1 FROM follow_ups WHERE id = \(id)").count == 1 else { throw FollowUpError.notFound(id) }
            return try connection.query(
                """
                SELECT status, note, recorded_by, to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at
                FROM follow_up_records WHERE follow_up_id = \(id) ORDER BY id
                """
            ).map { row in
                (
                    FollowUpStatus(rawValue: try row.decode("status")) ?? .done, try row.decode("note"), try row.decode("recorded_by"),
                    try row.decode("at")
                )
            }
        }
    }

    /// Records the outcome of a follow-up: `done` or `waived`, with a note; an earlier outcome
    /// stays in its history.
    /// `doneOn`: the day it was carried out (today when not given); never after today.
    public func record(
        id: Int, status: FollowUpStatus, note: String, doneOn: CivilDate? = nil, actor: String, today: CivilDate = CountyCalendar.today()
    ) async throws -> FollowUp {
        let (note, doneOn) = try FollowUpFlow.outcome(status, note: note, doneOn: doneOn, today: today)
        let trimmed = note.text
        return try await pool.transaction { connection in
            guard
                let before = try connection.query("\(unescaped: FollowUpStore.select) WHERE f.id = \(id) FOR UPDATE OF f").first
                    .map(FollowUpStore.decode)
            else { throw FollowUpError.notFound(id) }
            _ = try FollowUpFlow.next(from: before.status, recording: status, id: id)
            try connection.query(
                """
                UPDATE follow_ups SET status = \(status.rawValue), outcome = \(trimmed), recorded_by = \(actor), recorded_at = now(),
                       done_on = \(doneOn.description)::date
                WHERE id = \(id)
                """)
            // Kept as history: a second record adds to the first, it does not erase it.
            try connection.query(
                """
                INSERT INTO follow_up_records (follow_up_id, status, note, recorded_by, done_on)
                VALUES (\(id), \(status.rawValue), \(trimmed), \(actor), \(doneOn.description)::date)
                """)
            let after = try connection.query("\(unescaped: FollowUpStore.select) WHERE f.id = \(id)")[0]
            let followUp = try FollowUpStore.decode(after)
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "followup.record", subject: "follow-up \(id)",
                    beforeJSON: AuditLog.json(["status": before.status.rawValue, "outcome": before.outcome ?? ""]),
                    afterJSON: AuditLog.json(["status": followUp.status.rawValue, "outcome": followUp.outcome ?? ""])),
                on: connection)
            return followUp
        }
    }

    static func decode(_ row: Row) throws -> FollowUp {
        FollowUp(
            id: try row.decode("id"), year: try row.decode("year"), employeeNumber: try row.decode("employee_number"),
            name: try row.decode("name"), departmentName: try row.decode("department_name"),
            action: FollowUpAction(rawValue: try row.decode("action")) ?? .admonishmentTalk, reason: try row.decode("reason"),
            dueOn: CivilDate(parsing: try row.decode("due_on")) ?? CivilDate(year: 2000, month: 1, day: 1)!,
            status: FollowUpStatus(rawValue: try row.decode("status")) ?? .pending, outcome: try row.decode("outcome"),
            recordedBy: try row.decode("recorded_by"), doneOn: (try row.decode("done_on", as: String?.self)).flatMap(CivilDate.init(parsing:)))
    }
}
