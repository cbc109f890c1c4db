import Foundation
import PingyiCore
import PingyiPostgres
import PingyiTally

/// What the public forms need: looking a token up by its hash, the form's chiefs or
/// departments, and the one-statement claim-and-store of a submission.
public struct BallotStore: Sendable {
    let pool: ConnectionPool
    let directory: BallotDirectory
    let campaigns: CampaignCache
    let bodyLimit: BallotBodyLimit

    /// Uses the given pool. Ballots show roster changes, and the body limit campaigns opening,
    /// within `rosterLifetime`; a form's body may always be `minimumBodyLimit` bytes.
    /// Time for those copies is read from `now` (a test passes a clock it moves by hand).
    public init(
        pool: ConnectionPool, rosterLifetime: Duration = .seconds(10), minimumBodyLimit: Int = 64 * 1024,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.pool = pool
        directory = BallotDirectory(lifetime: rosterLifetime, now: now)
        campaigns = CampaignCache(lifetime: rosterLifetime, now: now)
        bodyLimit = BallotBodyLimit(lifetime: rosterLifetime, floor: minimumBodyLimit, now: now)
    }

    /// The most bytes a form of `kind` may post: room for the longest ballot of every open
    /// campaign of that kind (`BallotLength.formBodyLimit`). Without the database, the last one
    /// read: the ballot then goes back on the retry page, not to a generic error.
    public func formBodyLimit(kind: CampaignKind) async -> Int {
        let bodyLimit = self.bodyLimit
        if let limit = bodyLimit.cached(kind: kind) { return limit }
        do {
            return try await pool.withConnection { connection in try bodyLimit.limit(kind: kind, on: connection) }
        } catch {
            return bodyLimit.last(kind: kind)
        }
    }

    /// The token hash of the invitation a typed code belongs to (its hash is stored at issue);
    /// `nil` for an unknown or revoked code.
    public func tokenHash(code: InvitationCode, key: InvitationCodeKey) async throws -> Data? {
        try await tokenHash(codeHash: key.mac(code))
    }

    /// The token hash of the invitation whose typed code has the keyed hash `codeHash`.
    func tokenHash(codeHash: Data) async throws -> Data? {
        try await pool.withConnection { connection in
            try connection.query("SELECT token_hash FROM invitations WHERE code_hash = \(codeHash) AND revoked_at IS NULL").first?.decode(
                "token_hash")
        }
    }

    /// What a token leads to, with the form's departments and chiefs when it is usable.
    public func lookup(tokenHash: Data, now: Date = Date()) async throws -> InvitationLookup {
        let directory = self.directory
        let campaigns = self.campaigns
        return try await pool.withConnection { connection in
            try BallotStore.lookup(tokenHash: tokenHash, directory: directory, campaigns: campaigns, now: now, on: connection)
        }
    }

    /// A form posted with a valid `FormGrant`: checked against the campaign and departments it
    /// vouches for (kept in memory) and, when valid, claimed and stored in one statement — one
    /// round trip, sent without blocking a thread (`Connection.send`). The claim also requires
    /// the invitation to be still of that campaign with those departments. Anything else (an
    /// invalid form, a campaign not accepting, a claim that found nothing to claim, a copy too
    /// old) takes the path of `submit(tokenHash:kind:now:validate:)`, which looks the invitation
    /// up first and says what became of it.
    public func submit(
        match: InvitationMatch, grant: FormGrant, kind: CampaignKind, now: Date = Date(),
        validate: @escaping @Sendable (BallotInvitation) -> BallotValidation
    ) async throws -> SubmitAttempt {
        let directory = self.directory
        let campaigns = self.campaigns
        let accepted = try await pool.withSendingConnection { connection -> SubmitOutcome? in
            guard let campaign = try await campaigns.campaign(grant.campaignID, on: connection),
                campaign.kind == kind, campaign.acceptance(at: now) == .accepting,
                let departments = directory.cachedDepartments(grant.departmentCodes, kind: kind)
            else { return nil }
            // A ballot of the joint count takes the looked-up path: its encryption (tens of
            // milliseconds of CPU) runs on the pool's threads, not on the cooperative ones.
            guard !campaign.isJoint else { return nil }
            let invitation = BallotInvitation(campaign: campaign, departments: departments, departmentCodes: grant.departmentCodes)
            guard case .valid(let answers) = validate(invitation) else { return nil }
            let claim = try BallotStore.claim(
                match: match, grant: grant, answers: answers, targets: invitation.targets, campaign: campaign, context: nil, now: now)
            let rows = try await connection.send(claim)
            guard rows.count == 1 else { return nil }
            return try BallotStore.outcome(of: rows[0])
        }
        if let accepted { return .submitted(accepted) }
        let tokenHash: Data?
        switch match {
        case .tokenHash(let hash): tokenHash = hash
        case .codeHash(let hash): tokenHash = try await self.tokenHash(codeHash: hash)
        }
        guard let tokenHash else { return .notSubmitted(.notFound) }
        return try await submit(tokenHash: tokenHash, kind: kind, now: now, validate: validate)
    }

    /// Looks the invitation up, checks the form with `validate` and, when it is valid, claims the
    /// invitation and stores the ballot — all on one connection, in one hop to the pool's threads.
    ///
    /// The claim and the ballot box insert are one statement (so one transaction): exactly one of
    /// any number of concurrent submissions of an invitation is stored. The ballot goes into the
    /// box sealed with the campaign's public key (`BallotSealingKey`), unsigned 问题线索 inside
    /// it; signed clues go to the office at once. The campaign row is key-share locked, so a
    /// close waits for the submissions in flight and none lands after its box was emptied.
    public func submit(
        tokenHash: Data, kind: CampaignKind, now: Date = Date(),
        validate: @escaping @Sendable (BallotInvitation) -> BallotValidation
    ) async throws -> SubmitAttempt {
        let directory = self.directory
        let campaigns = self.campaigns
        return try await pool.withConnection { connection in
            let lookup = try BallotStore.lookup(tokenHash: tokenHash, directory: directory, campaigns: campaigns, now: now, on: connection)
            guard case .open(let invitation) = lookup, invitation.campaign.kind == kind else { return .notSubmitted(lookup) }
            let validation = validate(invitation)
            guard case .valid(let answers) = validation else { return .invalid(invitation, validation) }
            return .submitted(
                try BallotStore.claim(
                    tokenHash: tokenHash, answers: answers, targets: invitation.targets, campaign: invitation.campaign, now: now,
                    on: connection))
        }
    }

    /// Claims and stores answers that were checked already (tests and tools): the same claim
    /// as a form's, after looking the invitation's campaign up.
    public func submit(tokenHash: Data, answers: BallotAnswers, now: Date = Date()) async throws -> SubmitOutcome {
        let directory = self.directory
        let campaigns = self.campaigns
        return try await pool.withConnection { connection in
            switch try BallotStore.lookup(tokenHash: tokenHash, directory: directory, campaigns: campaigns, now: now, on: connection) {
            case .open(let invitation):
                return try BallotStore.claim(
                    tokenHash: tokenHash, answers: answers, targets: invitation.targets, campaign: invitation.campaign, now: now,
                    on: connection)
            case .alreadyUsed: return .alreadyUsed
            case .notAccepting(let acceptance): return .notAccepting(acceptance)
            case .notFound: return .notFound
            }
        }
    }

    static func lookup(
        tokenHash: Data, directory: BallotDirectory, campaigns: CampaignCache, now: Date, on connection: Connection
    ) throws -> InvitationLookup {
        guard
            let row = try connection.query(
                """
                SELECT i.used_on IS NOT NULL AS used, i.revoked_at IS NOT NULL AS revoked,
                       ARRAY(SELECT x.department_code FROM invitation_departments x WHERE x.invitation_id = i.id
                             ORDER BY x.department_code) AS departments,
                       \(unescaped: CampaignStore.qualifiedColumns)
                FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
                WHERE i.token_hash = \(tokenHash)
                """
            ).first
        else { return .notFound }
        if try row.decode("revoked", as: Bool.self) { return .notFound }
        let campaign = try CampaignStore.decode(row)
        campaigns.keep(campaign)
        if try row.decode("used", as: Bool.self) { return .alreadyUsed }
        let acceptance = campaign.acceptance(at: now)
        guard acceptance == .accepting else { return .notAccepting(acceptance) }
        let codes: [String] = try row.decode("departments")
        let context = campaign.isJoint ? try JointContextCache.context(for: campaign, on: connection) : nil
        return .open(
            BallotInvitation(
                campaign: campaign, departments: try directory.departments(codes, kind: campaign.kind, on: connection), departmentCodes: codes
            ).restricted(to: context))
    }

    /// The claim-and-store statement: key-share-locks the invitation's open campaign, marks the
    /// invitation used where it still is unused, puts the sealed ballot in the box and the signed
    /// clues in the office's list. It returns one row when it stored the ballot. With a `grant`,
    /// the invitation must also still have exactly the grant's departments.
    static func claim(
        match: InvitationMatch, grant: FormGrant?, answers: BallotAnswers, targets: [String], campaign: Campaign, context: ElectionContext?,
        now: Date
    ) throws -> Query {
        // Signed clues go to the office now, with the supervisor's name; unsigned ones stay in
        // the sealed ballot and are released, shuffled, when the campaign is counted.
        let (stored, signedClues) = answers.separatingSignedClues(clueQuestions: campaign.template.clueQuestions)
        // The joint count: encrypted and chained (`tally_ballots`), the texts sealed one by one.
        let joint = try context.map { try JointBox.prepare(stored, targets: targets, campaign: campaign, context: $0) }
        let json = stored.jsonText
        // Sealed for the campaign's key; a campaign opened before sealing existed keeps JSON.
        let sealed =
            joint != nil
            ? nil
            : try campaign.sealingKey.map {
                try $0.seal(Data(json.utf8), context: SealedBallot.context(campaignID: campaign.id), length: campaign.ballotLength)
            }
        let plain: String? = sealed == nil && joint == nil ? json : nil
        let today = CountyCalendar.today(now).description
        // Program text only: which column names the invitation.
        let column: String
        let hash: Data
        switch match {
        case .tokenHash(let value): (column, hash) = ("token_hash", value)
        case .codeHash(let value): (column, hash) = ("code_hash", value)
        }
        return """
            WITH campaign AS (
                SELECT c.id, i.id AS invitation_id FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
                WHERE i.\(unescaped: column) = \(hash) AND c.id = \(campaign.id) AND c.state = 'open'
                  AND (c.opens_at IS NULL OR c.opens_at <= now()) AND (c.closes_at IS NULL OR now() < c.closes_at)
                  AND (\(grant?.departmentCodes)::text[] IS NULL OR \(grant?.departmentCodes)::text[] = ARRAY(
                      SELECT x.department_code FROM invitation_departments x WHERE x.invitation_id = i.id ORDER BY x.department_code))
                FOR KEY SHARE OF c
            ), claimed AS (
                UPDATE invitations i SET used_on = \(today)::date
                FROM campaign
                WHERE i.id = campaign.invitation_id AND i.used_on IS NULL AND i.revoked_at IS NULL
                RETURNING i.campaign_id, i.supervisor_code
            ), boxed AS (
                INSERT INTO ballot_box (campaign_id, answers, sealed)
                SELECT campaign_id, \(plain)::jsonb, \(sealed) FROM claimed WHERE \(joint == nil)
            ), chained AS (
                UPDATE campaigns c SET tally_count = c.tally_count + 1,
                       tally_chain = sha256(\(JointBox.chainPrefix) || int4send(32) || c.tally_chain || int4send(32) || \(joint?.ballotHash))
                FROM claimed WHERE c.id = claimed.campaign_id AND \(joint != nil)
                RETURNING c.id, c.tally_count, c.tally_chain
            ), encrypted AS (
                INSERT INTO tally_ballots (campaign_id, position, code, contests, texts)
                SELECT id, tally_count, tally_chain, \(joint?.contests), \(joint?.textDigests) FROM chained
            ), texts AS (
                INSERT INTO tally_texts (campaign_id, sealed)
                SELECT claimed.campaign_id, t FROM claimed, unnest(\(joint?.texts ?? [])::bytea[]) AS t
            ), clues AS (
                INSERT INTO problem_clues (campaign_id, department_code, body, reported_on, signed_by)
                SELECT claimed.campaign_id, k.department, k.body, \(today)::date, (SELECT s.name FROM supervisors s WHERE s.code = claimed.supervisor_code)
                FROM claimed, unnest(\(signedClues.map { $0.target ?? "" })::text[], \(signedClues.map(\.text))::text[]) AS k(department, body)
            )
            SELECT campaign_id, (SELECT tally_chain FROM chained) AS code FROM claimed
            """
    }

    /// What a claim that stored its ballot says: a joint campaign's gives the tracking code.
    static func outcome(of row: Row) throws -> SubmitOutcome {
        guard let code: Data = try row.decode("code") else { return .accepted }
        return .counted(trackingCode: TrackingCode.short(Array(code)))
    }

    static func claim(
        tokenHash: Data, answers: BallotAnswers, targets: [String], campaign: Campaign, now: Date, on connection: Connection
    ) throws -> SubmitOutcome {
        let context = campaign.isJoint ? try JointContextCache.context(for: campaign, on: connection) : nil
        let claimed = try connection.query(
            try claim(
                match: .tokenHash(tokenHash), grant: nil, answers: answers, targets: targets, campaign: campaign, context: context, now: now))
        if claimed.count == 1 { return try outcome(of: claimed[0]) }
        guard
            let row = try connection.query(
                """
                SELECT i.used_on IS NOT NULL AS used, i.revoked_at IS NOT NULL AS revoked, \(unescaped: CampaignStore.qualifiedColumns)
                FROM invitations i JOIN campaigns c ON c.id = i.campaign_id WHERE i.token_hash = \(tokenHash)
                """
            ).first
        else { return .notFound }
        if try row.decode("revoked", as: Bool.self) { return .notFound }
        if try row.decode("used", as: Bool.self) { return .alreadyUsed }
        // The campaign closed (or its closing time passed) between the look-up and the claim.
        let acceptance = try CampaignStore.decode(row).acceptance(at: now)
        return .notAccepting(acceptance == .accepting ? .closed : acceptance)
    }

    /// The free-text comments about a chief in `year`'s merchant review, in random order and
    /// without dates — or `nil` when the chief has fewer than `minValidVotes` valid votes (有效票:
    /// overall grades that are not excluded, such as 不了解): a small group could tell who wrote what.
    public func comments(year: Int, employeeNumber: String, minValidVotes: Int) async throws -> [String]? {
        try await pool.withConnection { connection in
            let campaigns = try connection.query(
                "SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE year = \(year) AND kind = 'merchantReview'"
            ).map(CampaignStore.decode)
            var valid = 0
            for campaign in campaigns {
                guard let overall = campaign.template.overallQuestion else { continue }
                let counted = overall.options.filter { $0.points != nil }.map(\.id)
                valid += try connection.query(
                    """
                    SELECT count(*) AS n FROM chief_grades
                    WHERE campaign_id = \(campaign.id) AND employee_number = \(employeeNumber)
                      AND question = \(overall.id) AND option = ANY(\(counted)::text[])
                    """)[0].decode("n", as: Int.self)
            }
            guard valid >= minValidVotes else { return nil }
            return try connection.query(
                """
                SELECT t.body FROM text_answers t JOIN campaigns c ON c.id = t.campaign_id
                WHERE c.year = \(year) AND c.kind = 'merchantReview' AND t.target = \(employeeNumber)
                ORDER BY random()
                """
            ).map { try $0.decode("body", as: String.self) }
        }
    }

    /// The year's 其他意见建议: the answers to the questions about no chief or department (of
    /// both forms), in random order, without dates or anything of who wrote them.
    public func suggestions(year: Int) async throws -> [(kind: CampaignKind, text: String)] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT c.kind, t.body FROM text_answers t JOIN campaigns c ON c.id = t.campaign_id
                WHERE c.year = \(year) AND t.target IS NULL
                ORDER BY random()
                """
            ).map { row in
                (CampaignKind(rawValue: try row.decode("kind", as: String.self)) ?? .merchantReview, try row.decode("body", as: String.self))
            }
        }
    }
}
