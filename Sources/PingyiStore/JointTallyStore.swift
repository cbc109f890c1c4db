import Foundation
import PingyiCore
import PingyiPostgres
import PingyiTally

/// The joint count (多方联合计票) of a closed campaign, and its published record. Each trustee's
/// share of the key (`contribute`) is checked against the ceremony (a wrong, forged or another
/// campaign's share is refused, naming the trustee, and changes nothing), used for that trustee's
/// proven decryption shares of the aggregates and its partial decryptions of the shuffled texts,
/// and forgotten; what it gave is returned to the caller to keep in memory, never stored. When the
/// quorum has given, `complete` combines them in one transaction: the totals become the response
/// rows scoring reads, the texts are opened and shuffled into the comment and clue tables, and the
/// record is stored.
public struct JointTallyStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// Where the count of `campaignID` stands.
    public func progress(campaignID: Int) async throws -> JointCountProgress {
        try await pool.withConnection { connection in
            let campaign = try JointTallyStore.campaign(campaignID, lock: false, on: connection)
            return try JointTallyStore.progress(campaign, on: connection)
        }
    }

    /// Trustee `share`'s part of the count of `campaignID`, for the caller to keep in memory:
    /// the share is checked against the ceremony (refused, naming the unit, otherwise), the box
    /// against its chain (`JointBox.check`), and nothing of the result is stored; the use is
    /// audited.
    public func contribute(campaignID: Int, share: TrusteeShare, actor: String) async throws -> TrusteeContribution {
        try await pool.transaction { connection in
            let campaign = try JointTallyStore.campaign(campaignID, lock: false, on: connection)
            guard campaign.state == .closed else { throw CampaignError.notClosed(campaignID) }
            if try JointTallyStore.counted(campaignID, on: connection) { throw CampaignError.counted(campaignID) }
            let context = try JointContextCache.context(for: campaign, on: connection)
            try share.check(against: context)
            let box = try JointBox.check(campaign, context: context, on: connection)
            let aggregates = Aggregate.of(box.ballots, context: context)
            let shares = try TallyDecryptor.shares(of: aggregates, by: share, context: context)
            let partials = try box.texts.map { sealed -> Point in
                guard let ephemeral = SealedText.ephemeral(sealed) else { throw TallyError.textUnreadable }
                return share.partial(ephemeral)
            }
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "campaign.count.share", subject: "campaign \(campaignID)", beforeJSON: nil,
                    afterJSON: AuditLog.json(["trustee": share.name])),
                on: connection)
            return TrusteeContribution(
                campaignID: campaignID, trustee: share.index, name: share.name, box: box.digest, shares: shares, partials: partials)
        }
    }

    /// The count, from the contributions of at least the quorum's trustees: in one transaction,
    /// the box checked again (it must be the one every contribution was made over), every
    /// decryption share's proof checked, the totals written as the rows scoring reads, the texts
    /// opened and shuffled into the comment and clue tables, the record stored.
    public func complete(
        campaignID: Int, contributions: [TrusteeContribution], actor: String, now: Date = Date()
    ) async throws
        -> JointCountProgress
    {
        try await pool.transaction { connection in
            let campaign = try JointTallyStore.campaign(campaignID, lock: true, on: connection)
            guard campaign.state == .closed else { throw CampaignError.notClosed(campaignID) }
            if try JointTallyStore.counted(campaignID, on: connection) { throw CampaignError.counted(campaignID) }
            let context = try JointContextCache.context(for: campaign, on: connection)
            let box = try JointBox.check(campaign, context: context, on: connection)
            var given: [Int: TrusteeContribution] = [:]
            for contribution in contributions where contribution.campaignID == campaignID { given[contribution.trustee] = contribution }
            guard given.count >= context.ceremony.quorum else {
                throw TallyError.quorumNotMet(present: given.count, quorum: context.ceremony.quorum)
            }
            guard given.values.allSatisfy({ $0.box == box.digest }) else { throw CampaignError.boxChanged(campaignID) }
            // Every proof, before a total is written: a ballot made without them is not counted.
            guard EncryptedBallot.allHold(box.ballots, context: context) else { throw CampaignError.boxTampered(campaignID) }
            try JointTallyStore.complete(
                campaign, context: context, ballots: box.ballots, texts: box.texts, given: Array(given.values),
                today: CountyCalendar.today(now), actor: actor, on: connection)
            return try JointTallyStore.progress(campaign, on: connection)
        }
    }

    /// The box's fingerprint: the short form of the chain's head and the number of ballots, as
    /// the close announced them — a DBA can rewrite everything in the database, so the units
    /// compare this with what the close showed before they give their shares. Throws
    /// `CampaignError.boxTampered` when the box does not even hold together.
    public func fingerprint(campaignID: Int) async throws -> String {
        try await pool.withConnection { connection in
            let campaign = try JointTallyStore.campaign(campaignID, lock: false, on: connection)
            let box = try JointBox.check(campaign, context: try JointContextCache.context(for: campaign, on: connection), on: connection)
            return JointBox.fingerprint(box)
        }
    }

    /// The published record of `campaignID`, as stored; nil before its count.
    public func record(campaignID: Int) async throws -> String? {
        try await pool.withConnection { connection in
            try connection.query("SELECT record FROM tally_records WHERE campaign_id = \(campaignID)").first?.decode("record")
        }
    }

    /// What a short tracking code finds (`TrackingCode.normalized` form).
    public func track(_ code: String) async throws -> TrackingLookup {
        guard let prefix = TrackingCode.prefix(of: code) else { return .notFound }
        let low = Data(prefix + [UInt8](repeating: 0, count: 22))
        let high = Data(prefix + [UInt8](repeating: 0xff, count: 22))
        return try await pool.withConnection { connection in
            guard
                let row = try connection.query(
                    """
                    SELECT t.campaign_id, EXISTS (SELECT 1 FROM tally_records r WHERE r.campaign_id = t.campaign_id) AS published,
                           \(unescaped: CampaignStore.qualifiedColumns)
                    FROM tally_ballots t JOIN campaigns c ON c.id = t.campaign_id
                    WHERE t.code BETWEEN \(low) AND \(high)
                    LIMIT 1
                    """
                ).first
            else { return .notFound }
            let campaign = try CampaignStore.decode(row)
            let label = "\(campaign.year)年「\(campaign.kind.label)」"
            return try row.decode("published", as: Bool.self) ? .inRecord(campaign: label, campaignID: campaign.id) : .received(campaign: label)
        }
    }

    // MARK: - Inside the transaction

    static func campaign(_ id: Int, lock: Bool, on connection: Connection) throws -> Campaign {
        guard
            let row = try connection.query(
                "SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE id = \(id) \(unescaped: lock ? "FOR UPDATE" : "")"
            ).first
        else { throw CampaignError.notFound(id) }
        let campaign = try CampaignStore.decode(row)
        guard campaign.isJoint else { throw CampaignError.notJoint(id) }
        return campaign
    }

    static func counted(_ id: Int, on connection: Connection) throws -> Bool {
        try connection.query("SELECT count(*) AS n FROM tally_records WHERE campaign_id = \(id)")[0].decode("n", as: Int.self) > 0
    }

    static func progress(_ campaign: Campaign, on connection: Connection) throws -> JointCountProgress {
        let context = try JointContextCache.context(for: campaign, on: connection)
        let trustees = context.ceremony.trustees.sorted { $0.index < $1.index }
        // Counted when the record is stored, which names the trustees whose shares made it.
        let row = try connection.query("SELECT trustees FROM tally_records WHERE campaign_id = \(campaign.id)").first
        let given = Set(try row?.decode("trustees", as: [Int].self) ?? [])
        return JointCountProgress(
            campaignID: campaign.id, trustees: trustees.map(\.name), given: trustees.filter { given.contains($0.index) }.map(\.name),
            quorum: context.ceremony.quorum, counted: row != nil,
            ballots: try connection.query("SELECT count(*) AS n FROM tally_ballots WHERE campaign_id = \(campaign.id)")[0].decode("n"))
    }

    /// The count, once the quorum has given: totals, texts, the record.
    static func complete(
        _ campaign: Campaign, context: ElectionContext, ballots: [EncryptedBallot], texts: [Data], given: [TrusteeContribution],
        today: CivilDate, actor: String, on connection: Connection
    ) throws {
        let aggregates = Aggregate.of(ballots, context: context)
        var shares: [Int: [[DecryptionShare]]] = [:]
        for contribution in given { shares[contribution.trustee] = contribution.shares }
        let tally = try TallyDecryptor.combine(aggregates: aggregates, shares: shares, context: context)

        // The totals, as the rows scoring has always read: one per grade or star, no ballot id.
        var grades: (targets: [String], questions: [String], options: [String], totals: [Int]) = ([], [], [], [])
        var stars: (targets: [String], questions: [String], stars: [Int], totals: [Int]) = ([], [], [], [])
        let questions = Dictionary(uniqueKeysWithValues: campaign.template.enabledQuestions.map { ($0.id, $0) })
        for (contest, result) in zip(context.manifest.contests, tally) {
            guard let question = questions[contest.question] else { continue }
            for (option, total) in zip(contest.options, result.totals) where total > 0 && option != JointBallot.unanswered {
                switch question.kind {
                case .grade:
                    grades.targets.append(contest.target)
                    grades.questions.append(contest.question)
                    grades.options.append(option)
                    grades.totals.append(total)
                case .stars:
                    stars.targets.append(contest.target)
                    stars.questions.append(contest.question)
                    stars.stars.append(Int(option) ?? 0)
                    stars.totals.append(total)
                case .text: break
                }
            }
        }
        try connection.query(
            """
            INSERT INTO chief_grades (campaign_id, employee_number, question, option)
            SELECT \(campaign.id), g.target, g.question, g.option
            FROM unnest(\(grades.targets)::text[], \(grades.questions)::text[], \(grades.options)::text[], \(grades.totals)::int[])
                 AS g(target, question, option, total), generate_series(1, g.total)
            """)
        try connection.query(
            """
            INSERT INTO department_stars (campaign_id, department_code, question, stars)
            SELECT \(campaign.id), s.target, s.question, s.stars
            FROM unnest(\(stars.targets)::text[], \(stars.questions)::text[], \(stars.stars)::int[], \(stars.totals)::int[])
                 AS s(target, question, stars, total), generate_series(1, s.total)
            """)
        try connection.query(
            "INSERT INTO ballots (id, campaign_id) SELECT gen_random_uuid(), \(campaign.id) FROM generate_series(1, \(ballots.count))")

        // The texts: each opened with the quorum's partial decryptions, then pooled and shuffled.
        var opened: [TextAnswer] = []
        for (position, sealed) in texts.enumerated() {
            var points: [Int: Point] = [:]
            for contribution in given {
                guard position < contribution.partials.count else { throw TallyError.textUnreadable }
                points[contribution.trustee] = contribution.partials[position]
            }
            if let text = try JointBallot.readText(try SealedText.open(sealed, shared: SealedText.combine(points))) { opened.append(text) }
        }
        let pool = BallotPool([BallotAnswers(texts: opened)], clueQuestions: campaign.template.clueQuestions)
        try connection.query(
            """
            INSERT INTO text_answers (campaign_id, target, question, body)
            SELECT \(campaign.id), nullif(t.target, ''), t.question, t.body
            FROM unnest(\(pool.texts.map { $0.target ?? "" })::text[], \(pool.texts.map(\.question))::text[], \(pool.texts.map(\.text))::text[])
                 AS t(target, question, body)
            """)
        try connection.query(
            """
            INSERT INTO problem_clues (campaign_id, department_code, body, reported_on)
            SELECT \(campaign.id), k.department, k.body, \(today.description)::date
            FROM unnest(\(pool.unsignedClues.map { $0.target ?? "" })::text[], \(pool.unsignedClues.map(\.text))::text[]) AS k(department, body)
            """)

        let record = TallyRecord(context: context, ballots: ballots, tally: tally, texts: texts.count)
        try connection.query(
            """
            INSERT INTO tally_records (campaign_id, trustees, record)
            VALUES (\(campaign.id), \(given.map(\.trustee).sorted()), \(String(decoding: try record.json(), as: UTF8.self)))
            """)
        try connection.query("DELETE FROM tally_texts WHERE campaign_id = \(campaign.id)")
        try AuditLog.record(
            AuditEntry(
                actor: actor, action: "campaign.count", subject: "campaign \(campaign.id)", beforeJSON: nil,
                afterJSON: AuditLog.json([
                    "ballots": "\(ballots.count)", "grades": "\(grades.totals.reduce(0, +))", "stars": "\(stars.totals.reduce(0, +))",
                    "texts": "\(pool.texts.count)", "clues": "\(pool.unsignedClues.count)",
                ])),
            on: connection)
    }
}
