import Foundation
import PingyiCore
import PingyiPostgres

/// What the public forms need: looking a token up by its hash, the form's chiefs or
/// departments, and the one-statement claim-and-store of a submission.
public struct BallotStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// What a token leads to, with the form's departments and chiefs when it is usable.
    public func lookup(tokenHash: Data) async throws -> InvitationLookup {
        try await pool.withConnection { connection in
            guard let row = try connection.query(
                """
                SELECT i.id AS invitation_id, i.used_on IS NOT NULL AS used, i.revoked_at IS NOT NULL AS revoked,
                       \(unescaped: CampaignStore.columns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
                WHERE i.token_hash = \(tokenHash)
                """
            ).first else { return .notFound }
            if try row.decode("revoked", as: Bool.self) { return .notFound }
            let campaign = try CampaignStore.decode(row)
            if try row.decode("used", as: Bool.self) { return .alreadyUsed }
            guard campaign.state == .open else { return .campaignNotOpen(campaign.state) }
            let invitationID: Int = try row.decode("invitation_id")
            return .open(BallotInvitation(campaign: campaign, departments: try BallotStore.departments(invitationID, kind: campaign.kind, on: connection)))
        }
    }

    /// Claims the invitation and puts the ballot in the ballot box, in one statement (so one
    /// transaction): exactly one of any number of concurrent submissions of an invitation is
    /// stored. Problem clues are stored with it. The campaign row is key-share locked, so a
    /// close waits for the submissions in flight and none lands after its box was emptied.
    public func submit(tokenHash: Data, answers: BallotAnswers, clueQuestions: Set<String>) async throws -> SubmitOutcome {
        let clues = answers.texts.filter { clueQuestions.contains($0.question) && $0.target != nil }
        var stored = answers
        stored.texts.removeAll { clueQuestions.contains($0.question) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(stored), as: UTF8.self)
        let signed = answers.signed
        return try await pool.withConnection { connection in
            let claimed = try connection.query(
                """
                WITH campaign AS (
                    SELECT c.id FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
                    WHERE i.token_hash = \(tokenHash) AND c.state = 'open'
                    FOR KEY SHARE OF c
                ), claimed AS (
                    UPDATE invitations i SET used_on = current_date
                    FROM campaign
                    WHERE i.token_hash = \(tokenHash) AND i.campaign_id = campaign.id
                      AND i.used_on IS NULL AND i.revoked_at IS NULL
                    RETURNING i.campaign_id, i.supervisor_code
                ), boxed AS (
                    INSERT INTO ballot_box (campaign_id, answers) SELECT campaign_id, \(json)::jsonb FROM claimed
                ), clues AS (
                    INSERT INTO problem_clues (campaign_id, department_code, body, signed_by)
                    SELECT claimed.campaign_id, k.department, k.body,
                           CASE WHEN \(signed) THEN (SELECT s.name FROM supervisors s WHERE s.code = claimed.supervisor_code) END
                    FROM claimed, unnest(\(clues.map { $0.target ?? "" })::text[], \(clues.map(\.text))::text[]) AS k(department, body)
                )
                SELECT campaign_id FROM claimed
                """)
            if claimed.count == 1 { return .accepted }
            guard let row = try connection.query(
                """
                SELECT i.used_on IS NOT NULL AS used, i.revoked_at IS NOT NULL AS revoked, c.state
                FROM invitations i JOIN campaigns c ON c.id = i.campaign_id WHERE i.token_hash = \(tokenHash)
                """
            ).first else { return .notFound }
            if try row.decode("revoked", as: Bool.self) { return .notFound }
            if try row.decode("used", as: Bool.self) { return .alreadyUsed }
            let state = CampaignState(rawValue: try row.decode("state")) ?? .closed
            return .campaignNotOpen(state)
        }
    }

    /// The problem clues, newest first, optionally of one status.
    public func clues(status: ProblemClue.Status? = nil) async throws -> [ProblemClue] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT p.id, p.campaign_id, p.department_code, d.name AS department_name, p.body, p.signed_by,
                       p.reported_on::text AS reported_on, p.status
                FROM problem_clues p JOIN departments d ON d.code = p.department_code
                WHERE \(status?.rawValue)::text IS NULL OR p.status = \(status?.rawValue)
                ORDER BY p.reported_on DESC, d.code, p.body
                """
            ).map { row in
                ProblemClue(
                    id: try row.decode("id"), campaignID: try row.decode("campaign_id"),
                    departmentCode: try row.decode("department_code"), departmentName: try row.decode("department_name"),
                    body: try row.decode("body"), signedBy: try row.decode("signed_by"),
                    reportedOn: CivilDate(parsing: try row.decode("reported_on")) ?? CivilDate(year: 2000, month: 1, day: 1)!,
                    status: ProblemClue.Status(rawValue: try row.decode("status")) ?? .new)
            }
        }
    }

    static func departments(_ invitationID: Int, kind: CampaignKind, on connection: Connection) throws -> [BallotDepartment] {
        let rows = try connection.query(
            """
            SELECT d.code, d.name, c.employee_number, c.name AS chief_name, s.name AS section, c.position
            FROM invitation_departments x
            JOIN departments d ON d.code = x.department_code
            LEFT JOIN sections s ON s.department_code = d.code AND s.active AND \(kind == .merchantReview)
            LEFT JOIN chiefs c ON c.section_id = s.id AND c.active
            WHERE x.invitation_id = \(invitationID)
            ORDER BY d.code, c.employee_number
            """)
        var departments: [BallotDepartment] = []
        for row in rows.rows {
            let code: String = try row.decode("code")
            if departments.last?.code != code {
                departments.append(BallotDepartment(code: code, name: try row.decode("name"), chiefs: []))
            }
            if let number: String = try row.decode("employee_number") {
                departments[departments.count - 1].chiefs.append(BallotChief(
                    employeeNumber: number, name: try row.decode("chief_name"), section: try row.decode("section"),
                    position: try row.decode("position")))
            }
        }
        // A merchant rates chiefs: a department without any in post has nothing to show.
        return kind == .merchantReview ? departments.filter { !$0.chiefs.isEmpty } : departments
    }
}
