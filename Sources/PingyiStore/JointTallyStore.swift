import Foundation
import PingyiCore
import PingyiPostgres
import PingyiTally

/// The joint count (多方联合计票) of a closed campaign, and its published record. Each trustee
/// gives its share of the key once (`give`): it is checked against the ceremony (a wrong, forged
/// or another campaign's share is refused, naming the trustee, and changes nothing), used for
/// that trustee's proven decryption shares of the aggregates and its partial decryptions of the
/// shuffled texts, and forgotten — only what it gave is stored. When the quorum has given, the
/// same transaction combines them: the totals become the response rows scoring reads, the texts
/// are opened and shuffled into the comment and clue tables, and the record is stored.
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

    /// Gives trustee `share`'s part of the count of `campaignID`.
    public func give(campaignID: Int, share: TrusteeShare, actor: String, now: Date = Date()) async throws -> JointCountProgress {
        try await pool.transaction { connection in
            let campaign = try JointTallyStore.campaign(campaignID, lock: true, on: connection)
            guard campaign.state == .closed else { throw CampaignError.notClosed(campaignID) }
            if try JointTallyStore.counted(campaignID, on: connection) { throw CampaignError.counted(campaignID) }
            let context = try JointContextCache.context(for: campaign, on: connection)
            try share.check(against: context)
            let given = try connection.query(
                "SELECT count(*) AS n FROM tally_shares WHERE campaign_id = \(campaignID) AND trustee = \(share.index)")[0].decode("n", as: Int.self)
            guard given == 0 else { throw CampaignError.shareGiven(id: campaignID, trustee: share.name) }

            let ballots = try JointTallyStore.ballots(campaignID, on: connection)
            let aggregates = Aggregate.of(ballots, context: context)
            let shares = try TallyDecryptor.shares(of: aggregates, by: share, context: context)
            let texts = try JointTallyStore.texts(campaignID, on: connection)
            let partials = try texts.map { sealed -> Data in
                guard let ephemeral = SealedText.ephemeral(sealed) else { throw TallyError.textUnreadable }
                return Data(share.partial(ephemeral).bytes)
            }
            try connection.query(
                """
                INSERT INTO tally_shares (campaign_id, trustee, shares, text_partials)
                VALUES (\(campaignID), \(share.index), \(try JointTallyStore.json(shares)), \(partials)::bytea[])
                """)
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "campaign.count.share", subject: "campaign \(campaignID)", beforeJSON: nil,
                    afterJSON: AuditLog.json(["trustee": share.name])),
                on: connection)
            let present = try connection.query("SELECT count(*) AS n FROM tally_shares WHERE campaign_id = \(campaignID)")[0].decode(
                "n", as: Int.self)
            if present >= context.ceremony.quorum {
                try JointTallyStore.complete(
                    campaign, context: context, ballots: ballots, aggregates: aggregates, texts: texts, today: CountyCalendar.today(now),
                    actor: actor, on: connection)
            }
            return try JointTallyStore.progress(campaign, on: connection)
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
        let counted = try counted(campaign.id, on: connection)
        var given: Set<Int> = []
        if counted {
            let record = try JSONDecoder().decode(
                TallyRecord.self,
                from: Data(
                    (try connection.query("SELECT record FROM tally_records WHERE campaign_id = \(campaign.id)")[0].decode("record", as: String.self))
                        .utf8))
            given = Set(record.tally.first?.selections.first?.shares.map(\.trustee) ?? [])
        } else {
            given = Set(
                try connection.query("SELECT trustee FROM tally_shares WHERE campaign_id = \(campaign.id)").map {
                    try $0.decode("trustee", as: Int.self)
                })
        }
        return JointCountProgress(
            campaignID: campaign.id, trustees: trustees.map(\.name), given: trustees.filter { given.contains($0.index) }.map(\.name),
            quorum: context.ceremony.quorum, counted: counted,
            ballots: try connection.query("SELECT count(*) AS n FROM tally_ballots WHERE campaign_id = \(campaign.id)")[0].decode("n"))
    }

    /// The encrypted ballots, in the chain's order.
    static func ballots(_ id: Int, on connection: Connection) throws -> [EncryptedBallot] {
        let decoder = JSONDecoder()
        return try connection.query("SELECT code, contests FROM tally_ballots WHERE campaign_id = \(id) ORDER BY position").map { row in
            EncryptedBallot(
                code: Array(try row.decode("code", as: Data.self)),
                contests: try decoder.decode([EncryptedContest].self, from: Data((try row.decode("contests", as: String.self)).utf8)))
        }
    }

    /// The sealed texts, in an order every trustee sees alike (by their random bytes).
    static func texts(_ id: Int, on connection: Connection) throws -> [Data] {
        try connection.query("SELECT sealed FROM tally_texts WHERE campaign_id = \(id) ORDER BY sealed").map { try $0.decode("sealed") }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The count, once the quorum has given: totals, texts, the record.
    static func complete(
        _ campaign: Campaign, context: ElectionContext, ballots: [EncryptedBallot], aggregates: [Aggregate], texts: [Data], today: CivilDate,
        actor: String, on connection: Connection
    ) throws {
        var shares: [Int: [[DecryptionShare]]] = [:]
        var partials: [Int: [Data]] = [:]
        let decoder = JSONDecoder()
        for row in try connection.query("SELECT trustee, shares, text_partials FROM tally_shares WHERE campaign_id = \(campaign.id)").rows {
            let trustee: Int = try row.decode("trustee")
            shares[trustee] = try decoder.decode([[DecryptionShare]].self, from: Data((try row.decode("shares", as: String.self)).utf8))
            partials[trustee] = try row.decode("text_partials")
        }
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
            for (trustee, given) in partials {
                guard position < given.count, let point = Point(bytes: given[position]) else { throw TallyError.textUnreadable }
                points[trustee] = point
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
            "INSERT INTO tally_records (campaign_id, record) VALUES (\(campaign.id), \(String(decoding: try record.json(), as: UTF8.self)))")
        try connection.query("DELETE FROM tally_texts WHERE campaign_id = \(campaign.id)")
        try connection.query("DELETE FROM tally_shares WHERE campaign_id = \(campaign.id)")
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
