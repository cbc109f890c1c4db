import Foundation
import PingyiCore
import PingyiPostgres

/// What the public forms need: looking a token up by its hash, the form's chiefs or
/// departments, and the one-statement claim-and-store of a submission.
public struct BallotStore: Sendable {
    let pool: ConnectionPool
    let directory: BallotDirectory

    /// Uses the given pool. Ballots show roster changes within `rosterLifetime`.
    public init(pool: ConnectionPool, rosterLifetime: Duration = .seconds(10)) {
        self.pool = pool
        directory = BallotDirectory(lifetime: rosterLifetime)
    }

    /// What a token leads to, with the form's departments and chiefs when it is usable.
    public func lookup(tokenHash: Data) async throws -> InvitationLookup {
        let directory = self.directory
        return try await pool.withConnection { connection in try BallotStore.lookup(tokenHash: tokenHash, directory: directory, on: connection) }
    }

    /// Looks the invitation up, checks the form with `validate` and, when it is valid, claims the
    /// invitation and stores the ballot — all on one connection, in one hop to the pool's threads.
    ///
    /// The claim and the ballot box insert are one statement (so one transaction): exactly one of
    /// any number of concurrent submissions of an invitation is stored. Problem clues (answers
    /// to `clueQuestions`) are stored with it, apart from the ballot. The campaign row is
    /// key-share locked, so a close waits for the submissions in flight and none lands after
    /// its box was emptied.
    public func submit(
        tokenHash: Data, kind: CampaignKind, validate: @escaping @Sendable (BallotInvitation) -> BallotValidation
    ) async throws -> SubmitAttempt {
        let directory = self.directory
        return try await pool.withConnection { connection in
            let lookup = try BallotStore.lookup(tokenHash: tokenHash, directory: directory, on: connection)
            guard case .open(let invitation) = lookup, invitation.campaign.kind == kind else { return .notSubmitted(lookup) }
            let validation = validate(invitation)
            guard case .valid(let answers) = validation else { return .invalid(invitation, validation) }
            let clues = Set(invitation.campaign.template.enabledQuestions.filter(\.clue).map(\.id))
            return .submitted(try BallotStore.claim(tokenHash: tokenHash, answers: answers, clueQuestions: clues, on: connection))
        }
    }

    /// Claims and stores without a look-up first (the answers were checked already).
    public func submit(tokenHash: Data, answers: BallotAnswers, clueQuestions: Set<String>) async throws -> SubmitOutcome {
        try await pool.withConnection { connection in
            try BallotStore.claim(tokenHash: tokenHash, answers: answers, clueQuestions: clueQuestions, on: connection)
        }
    }

    static func lookup(tokenHash: Data, directory: BallotDirectory, on connection: Connection) throws -> InvitationLookup {
        guard let row = try connection.query(
            """
            SELECT i.used_on IS NOT NULL AS used, i.revoked_at IS NOT NULL AS revoked,
                   ARRAY(SELECT x.department_code FROM invitation_departments x WHERE x.invitation_id = i.id
                         ORDER BY x.department_code) AS departments,
                   \(unescaped: CampaignStore.qualifiedColumns)
            FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
            WHERE i.token_hash = \(tokenHash)
            """
        ).first else { return .notFound }
        if try row.decode("revoked", as: Bool.self) { return .notFound }
        let campaign = try CampaignStore.decode(row)
        if try row.decode("used", as: Bool.self) { return .alreadyUsed }
        let acceptance = campaign.acceptance(at: Date())
        guard acceptance == .accepting else { return .notAccepting(acceptance) }
        let codes: [String] = try row.decode("departments")
        return .open(BallotInvitation(campaign: campaign, departments: try directory.departments(codes, kind: campaign.kind, on: connection)))
    }

    static func claim(tokenHash: Data, answers: BallotAnswers, clueQuestions: Set<String>, on connection: Connection) throws -> SubmitOutcome {
        let clues = answers.texts.filter { clueQuestions.contains($0.question) && $0.target != nil }
        var stored = answers
        stored.texts.removeAll { clueQuestions.contains($0.question) }
        let json = stored.jsonText
        let signed = answers.signed
        let claimed = try connection.query(
            """
            WITH campaign AS (
                SELECT c.id FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
                WHERE i.token_hash = \(tokenHash) AND c.state = 'open'
                  AND (c.opens_at IS NULL OR c.opens_at <= now()) AND (c.closes_at IS NULL OR now() < c.closes_at)
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
            SELECT i.used_on IS NOT NULL AS used, i.revoked_at IS NOT NULL AS revoked, \(unescaped: CampaignStore.qualifiedColumns)
            FROM invitations i JOIN campaigns c ON c.id = i.campaign_id WHERE i.token_hash = \(tokenHash)
            """
        ).first else { return .notFound }
        if try row.decode("revoked", as: Bool.self) { return .notFound }
        if try row.decode("used", as: Bool.self) { return .alreadyUsed }
        // The campaign closed (or its closing time passed) between the look-up and the claim.
        let acceptance = try CampaignStore.decode(row).acceptance(at: Date())
        return .notAccepting(acceptance == .accepting ? .closed : acceptance)
    }

    /// The free-text comments about a chief in `year`'s merchant review, in random order and
    /// without dates — or `nil` when fewer than `minBallots` ballots graded the chief (a small
    /// group could tell who wrote what).
    public func comments(year: Int, employeeNumber: String, minBallots: Int) async throws -> [String]? {
        try await pool.withConnection { connection in
            let ballots: Int = try connection.query(
                """
                SELECT count(DISTINCT g.ballot_id) AS n FROM chief_grades g JOIN campaigns c ON c.id = g.campaign_id
                WHERE c.year = \(year) AND c.kind = 'merchantReview' AND g.employee_number = \(employeeNumber)
                """)[0].decode("n")
            guard ballots >= minBallots else { return nil }
            return try connection.query(
                """
                SELECT t.body FROM text_answers t JOIN campaigns c ON c.id = t.campaign_id
                WHERE c.year = \(year) AND c.kind = 'merchantReview' AND t.target = \(employeeNumber)
                ORDER BY random()
                """
            ).map { try $0.decode("body", as: String.self) }
        }
    }
}
