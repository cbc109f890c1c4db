import Foundation
import PingyiCore
import PingyiPostgres
import PingyiTally

/// Campaigns and their state machine. The template is copied into the database with its
/// SHA-256 when a campaign is created, so editing the file later never changes a campaign.
public struct CampaignStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    static let columns =
        "id, year, kind, state, template_yaml, template_sha256, opens_at, closes_at, sealing_key, ballot_length, tally_sha256"
    /// The same columns of `campaigns c`.
    static let qualifiedColumns = columns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    /// Creates a draft campaign of `kind` for `year` from a template's text.
    public func create(
        year: Int, kind: CampaignKind, templateText: String, templateFile: String,
        opensAt: Date? = nil, closesAt: Date? = nil, actor: String
    ) async throws -> Campaign {
        let template = try SurveyTemplate.parse(templateText, file: templateFile)
        guard template.target == kind.target else { throw CampaignError.wrongTarget(kind: kind, template: template.target) }
        if let opensAt, let closesAt, closesAt <= opensAt { throw CampaignError.badPeriod }
        let sha = SurveyTemplate.sha256(of: templateText)
        return try await pool.transaction { connection in
            guard try connection.query("SELECT 1 FROM appraisal_years WHERE year = \(year)").count == 1 else {
                throw CampaignError.yearNotFound(year)
            }
            let result: QueryResult
            do {
                result = try connection.query(
                    """
                    INSERT INTO campaigns (year, kind, template_id, template_version, template_yaml, template_sha256, opens_at, closes_at)
                    VALUES (\(year), \(kind.rawValue), \(template.id), \(template.version), \(templateText), \(sha), \(opensAt), \(closesAt))
                    RETURNING \(unescaped: CampaignStore.columns)
                    """)
            } catch let error as PostgresError where error.code == .uniqueViolation {
                throw CampaignError.duplicate(year: year, kind: kind)
            }
            let campaign = try CampaignStore.decode(result[0])
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "campaign.create", subject: "campaign \(campaign.id)",
                    afterJSON: AuditLog.json([
                        "year": "\(year)", "kind": kind.rawValue, "template": "\(template.id) v\(template.version)", "templateSHA256": sha,
                    ])),
                on: connection)
            return campaign
        }
    }

    /// One campaign.
    public func find(id: Int) async throws -> Campaign? {
        try await pool.withConnection { connection in
            try connection.query("SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE id = \(id)").first.map(CampaignStore.decode)
        }
    }

    /// Changes a campaign's planned opening and closing times (`nil` clears one) as
    /// `Campaign.rescheduleRefusal` allows; audited.
    public func reschedule(id: Int, opensAt: Date?, closesAt: Date?, actor: String, now: Date = Date()) async throws -> Campaign {
        try await pool.transaction { connection in
            guard let row = try connection.query("SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE id = \(id) FOR UPDATE").first
            else { throw CampaignError.notFound(id) }
            let campaign = try CampaignStore.decode(row)
            if let refusal = campaign.rescheduleRefusal(opensAt: opensAt, closesAt: closesAt, now: now) { throw refusal }
            let updated = try connection.query(
                "UPDATE campaigns SET opens_at = \(opensAt), closes_at = \(closesAt) WHERE id = \(id) RETURNING \(unescaped: CampaignStore.columns)")
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "campaign.schedule", subject: "campaign \(id)",
                    beforeJSON: AuditLog.json(Self.times(campaign.opensAt, campaign.closesAt)),
                    afterJSON: AuditLog.json(Self.times(opensAt, closesAt))),
                on: connection)
            return try CampaignStore.decode(updated[0])
        }
    }

    /// Planned times as the audit log keeps them (ISO 8601, empty when none).
    static func times(_ opensAt: Date?, _ closesAt: Date?) -> [String: String] {
        ["opensAt": opensAt?.ISO8601Format() ?? "", "closesAt": closesAt?.ISO8601Format() ?? ""]
    }

    /// How many sealed ballots wait in the campaign's box (what a close will count).
    public func sealedBallots(id: Int) async throws -> Int {
        try await pool.withConnection { connection in
            try connection.query("SELECT count(*) AS n FROM ballot_box WHERE campaign_id = \(id)")[0].decode("n")
        }
    }

    /// Every campaign (of one year, if given), by year and kind.
    public func list(year: Int? = nil) async throws -> [Campaign] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT \(unescaped: CampaignStore.columns) FROM campaigns
                WHERE \(year)::int IS NULL OR year = \(year)
                ORDER BY year DESC, kind DESC
                """
            ).map(CampaignStore.decode)
        }
    }

    /// Moves a campaign one step along draft → open → closed → published. Any other step is a
    /// `CampaignError.illegalTransition` naming the current state. Concurrent steps on the
    /// same campaign take turns (the row is locked), so each step happens at most once.
    ///
    /// Opening stores the public half of `key` (ballots are sealed with it from then on) and
    /// gives the campaign its partition of the ballot box; closing opens the sealed ballots with
    /// `key`, writes their pooled and shuffled answers to the response tables and truncates the
    /// partition (`BallotBox.count`), in this same transaction: a missing or wrong key changes
    /// nothing. The lock also waits for submissions in flight (they hold a key-share lock).
    public func transition(
        id: Int, to target: CampaignState, actor: String, key: BallotOpeningKey? = nil, sealingKey: BallotSealingKey? = nil, now: Date = Date()
    ) async throws -> Campaign {
        try await pool.transaction { connection in
            try CampaignStore.step(id: id, to: target, actor: actor, key: key, sealingKey: sealingKey, joint: nil, now: now, on: connection)
        }
    }

    /// The key ceremony of a draft campaign's joint count (多方联合计票): its manifest from the
    /// roster as it is now, and the ceremony of `trustees`, any `quorum` of whom can count. Nothing
    /// is stored: each trustee's share is to be written to that trustee's own file; then
    /// `openJointly` opens the campaign with the ceremony.
    public func prepareJointCount(id: Int, trustees: [String], quorum: Int) async throws -> PreparedCeremony {
        try await pool.withConnection { connection in
            guard let row = try connection.query("SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE id = \(id)").first else {
                throw CampaignError.notFound(id)
            }
            let campaign = try CampaignStore.decode(row)
            guard campaign.state == .draft else { throw CampaignError.illegalTransition(id: id, from: campaign.state, to: .open) }
            let manifest = try JointBox.manifest(campaign, on: connection)
            let (ceremony, shares) = try KeyCeremony.run(manifest: manifest, trustees: trustees, quorum: quorum)
            return PreparedCeremony(campaignID: id, manifest: manifest, ceremony: ceremony, shares: shares)
        }
    }

    /// Opens a campaign for the joint count instead of sealing it for one key, with the ceremony
    /// `prepareJointCount` made for it; refused (the campaign stays a draft) when the roster has
    /// changed since.
    public func openJointly(id: Int, ceremony: PreparedCeremony, actor: String, now: Date = Date()) async throws -> Campaign {
        try await pool.transaction { connection in
            try CampaignStore.step(id: id, to: .open, actor: actor, key: nil, sealingKey: nil, joint: ceremony, now: now, on: connection)
        }
    }

    static func step(
        id: Int, to target: CampaignState, actor: String, key: BallotOpeningKey?, sealingKey: BallotSealingKey?,
        joint: PreparedCeremony?, now: Date, on connection: Connection
    ) throws -> Campaign {
        guard let row = try connection.query("SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE id = \(id) FOR UPDATE").first
        else { throw CampaignError.notFound(id) }
        let campaign = try CampaignStore.decode(row)
        guard campaign.state.next == target else {
            throw CampaignError.illegalTransition(id: id, from: campaign.state, to: target)
        }
        let stamp =
            switch target {
            case .open: "opened_at"
            case .closed: "closed_at"
            case .published: "published_at"
            case .draft: "created_at"  // never reached: nothing moves back to draft
            }
        // Opening takes the public half: made here from `key` (the CLI), or in the office's
        // browser (`sealingKey`, the console), so the server never holds the private half.
        let publicHalf = key?.sealingKey ?? sealingKey
        if target == .open, publicHalf == nil, joint == nil { throw CampaignError.sealingKeyMissing(id) }
        if target == .published, campaign.isJoint, try !JointTallyStore.counted(id, on: connection) { throw CampaignError.notCounted(id) }
        var moved: [String: Int] = [:]
        if target == .closed {
            moved =
                campaign.isJoint
                ? try JointBox.close(campaign, today: CountyCalendar.today(now), on: connection)
                : try BallotBox.count(campaign: campaign, key: key, today: CountyCalendar.today(now), on: connection)
        }
        if target == .open, let joint {
            try JointBox.open(campaign, ceremony: joint, on: connection)
            moved = ["trustees": joint.ceremony.trustees.count, "quorum": joint.ceremony.quorum]
        }
        let sealing = target == .open && joint == nil ? publicHalf?.rawRepresentation : nil
        let length = target == .open && joint == nil ? try CampaignStore.ballotLength(campaign, on: connection) : nil
        let updated = try connection.query(
            """
            UPDATE campaigns SET state = \(target.rawValue), \(unescaped: stamp) = clock_timestamp(),
                   sealing_key = coalesce(\(sealing), sealing_key), ballot_length = coalesce(\(length), ballot_length)
            WHERE id = \(id) RETURNING \(unescaped: CampaignStore.columns)
            """)
        let result = try CampaignStore.decode(updated[0])
        if target == .open, joint == nil { try BallotBox.prepare(campaignID: id, on: connection) }
        try AuditLog.record(
            AuditEntry(
                actor: actor, action: "campaign.\(target == .open ? "open" : target == .closed ? "close" : "publish")",
                subject: "campaign \(id)",
                beforeJSON: AuditLog.json(["state": campaign.state.rawValue]),
                afterJSON: AuditLog.json(moved.mapValues { "\($0)" }.merging(["state": target.rawValue]) { _, state in state })),
            on: connection)
        return result
    }

    /// The one sealed length of `campaign`'s ballots (`BallotLength`), from the longest form any
    /// respondent can have now: merchant review, the merchant whose dealings of the year (or
    /// whose issued invitation) list the most chiefs, counted in one query by each chief's
    /// cost; star rating, every active department.
    static func ballotLength(_ campaign: Campaign, on connection: Connection) throws -> Int {
        let cost = BallotLength.cost(template: campaign.template)
        let longest: Int?
        switch campaign.kind {
        case .merchantReview:
            longest = try connection.query(
                """
                WITH forms AS (
                    SELECT d.credit_code AS respondent, d.department_code FROM merchant_dealings d WHERE d.year = \(campaign.year)
                    UNION
                    SELECT i.id::text, x.department_code FROM invitations i JOIN invitation_departments x ON x.invitation_id = i.id
                    WHERE i.campaign_id = \(campaign.id) AND i.revoked_at IS NULL
                )
                SELECT max(total)::int AS longest FROM (
                    SELECT sum(\(cost.perTarget) + \(cost.perTargetByte) * octet_length(c.employee_number)) AS total
                    FROM forms f
                    JOIN departments dep ON dep.code = f.department_code AND dep.active
                    JOIN sections s ON s.department_code = dep.code AND s.active
                    JOIN chiefs c ON c.section_id = s.id AND c.active
                    GROUP BY f.respondent
                ) AS t
                """
            ).first?.decode("longest")
        case .starRating:
            longest = try connection.query(
                """
                SELECT sum(\(cost.perTarget) + \(cost.perTargetByte) * octet_length(code))::int AS longest FROM departments WHERE active
                """
            ).first?.decode("longest")
        }
        return BallotLength.campaignLength(longestPlaintext: cost.fixed + (longest ?? 0))
    }

    static func decode(_ row: Row) throws -> Campaign {
        let id: Int = try row.decode("id")
        let kindText: String = try row.decode("kind")
        let stateText: String = try row.decode("state")
        guard let kind = CampaignKind(rawValue: kindText), let state = CampaignState(rawValue: stateText) else {
            throw PostgresError(code: .decoding, message: "campaign \(id) has kind \(kindText), state \(stateText)")
        }
        return Campaign(
            id: id, year: try row.decode("year"), kind: kind, state: state,
            template: try TemplateCache.template(
                sha256: try row.decode("template_sha256"), text: try row.decode("template_yaml"), file: "campaign \(id) template"),
            templateSHA256: try row.decode("template_sha256"),
            opensAt: try row.decode("opens_at"), closesAt: try row.decode("closes_at"),
            sealingKey: (try row.decode("sealing_key", as: Data?.self)).flatMap(BallotSealingKey.init(rawRepresentation:)),
            ballotLength: try row.decode("ballot_length"), jointTally: try row.decode("tally_sha256"))
    }
}
