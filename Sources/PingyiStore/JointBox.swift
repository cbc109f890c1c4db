import Crypto
import Foundation
import PingyiCore
import PingyiPostgres
import PingyiTally

/// The joint count's side of a campaign's life in the database: opening (the manifest from the
/// roster and the trustees' ceremony), each ballot's claim (encrypted, chained, its texts sealed
/// one by one), and the close (texts shuffled into fresh rows, every used invitation dated the
/// close day). The count itself is `JointTallyStore`.
enum JointBox {
    /// The campaign's manifest label: its year, kind and id.
    static func label(_ campaign: Campaign) -> String { "\(campaign.year) \(campaign.kind.label) #\(campaign.id)" }

    /// Every target a ballot of `campaign` can grade now: the active chiefs (merchant review) or
    /// departments (star rating), in order. The manifest is fixed from these when it opens.
    static func targets(_ campaign: Campaign, on connection: Connection) throws -> [String] {
        switch campaign.kind {
        case .merchantReview:
            try connection.query(
                """
                SELECT c.employee_number AS target FROM chiefs c JOIN sections s ON s.id = c.section_id AND s.active
                JOIN departments d ON d.code = s.department_code AND d.active WHERE c.active ORDER BY c.employee_number
                """
            ).map { try $0.decode("target") }
        case .starRating:
            try connection.query("SELECT code AS target FROM departments WHERE active ORDER BY code").map { try $0.decode("target") }
        }
    }

    /// The manifest `campaign` would have if it opened now: its template's contests of every
    /// target it can grade.
    static func manifest(_ campaign: Campaign, on connection: Connection) throws -> Manifest {
        let manifest = try Manifest(
            campaign: label(campaign), contests: JointBallot.contests(template: campaign.template, targets: try targets(campaign, on: connection)))
        guard !manifest.contests.isEmpty else { throw CampaignError.nothingToCount(campaign.id) }
        return manifest
    }

    /// Opens `campaign` for the joint count with a ceremony made for it, inside the caller's
    /// transaction: the manifest must still be the roster's (else the ceremony is refused and the
    /// campaign stays a draft); it is stored with the ceremony and the chain's start.
    static func open(_ campaign: Campaign, ceremony prepared: PreparedCeremony, on connection: Connection) throws {
        guard prepared.campaignID == campaign.id, try manifest(campaign, on: connection) == prepared.manifest else {
            throw CampaignError.rosterChanged(campaign.id)
        }
        let context = try ElectionContext(manifest: prepared.manifest, ceremony: prepared.ceremony)
        let json = try Self.json(JointContextCache.Stored(manifest: prepared.manifest, ceremony: prepared.ceremony))
        let sha256 = SHA256.hash(data: Data(json.utf8)).hex
        try connection.query(
            """
            UPDATE campaigns SET tally = \(json)::jsonb, tally_sha256 = \(sha256), tally_count = 0,
                   tally_chain = \(Data(TrackingCode.start(electionHash: context.electionHash)))
            WHERE id = \(campaign.id)
            """)
        JointContextCache.keep(context, sha256: sha256)
    }

    /// JSON as stored for the joint count: keys sorted, slashes as they are.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The bytes the claim statement hashes in front of the previous code and the ballot's hash:
    /// `"pingyi-tally-v1" 0 "chain" 0`, as `TallyHash` writes it.
    static let chainPrefix = Data(Array("pingyi-tally-v1".utf8) + [0] + Array("chain".utf8) + [0])

    /// A ballot of a joint campaign, ready for the claim: its contests as the record's JSON, its
    /// hash for the chain, its texts sealed.
    struct Prepared {
        let contests: String
        let ballotHash: Data
        let texts: [Data]
        /// The texts' SHA-256s as a JSON array of hexadecimal (`tally_ballots.texts`).
        let textDigests: String
    }

    static func prepare(_ answers: BallotAnswers, targets: [String], campaign: Campaign, context: ElectionContext) throws -> Prepared {
        let inManifest = targets.filter { context.targets.contains($0) }
        let choices = JointBallot.choices(answers, template: campaign.template, targets: inManifest)
        let contests = try EncryptedBallot.encrypt(choices: choices, context: context)
        let json = try Self.json(contests)
        let texts = try JointBallot.texts(answers, template: campaign.template, targets: inManifest).map {
            try SealedText.seal($0.item, length: $0.length, key: context.jointKey)
        }
        let digests = texts.map { Array(SHA256.hash(data: $0)) }
        let digestJSON = try Self.json(digests.map(\.hex))
        return Prepared(
            contests: json, ballotHash: Data(EncryptedBallot.hash(contests: contests, texts: digests, electionHash: context.electionHash)),
            texts: texts, textDigests: digestJSON)
    }

    /// Closes a joint campaign inside the caller's transaction: one encrypted ballot per used
    /// invitation, or nothing moves; the texts rewritten as fresh rows in a shuffled order; every
    /// used invitation dated `today`.
    static func close(_ campaign: Campaign, today: CivilDate, on connection: Connection) throws -> [String: Int] {
        let ballots = try check(campaign, context: try JointContextCache.context(for: campaign, on: connection), on: connection).ballots.count
        var texts: [Data] = try connection.query("DELETE FROM tally_texts WHERE campaign_id = \(campaign.id) RETURNING sealed").map {
            try $0.decode("sealed")
        }
        var generator = SystemRandomNumberGenerator()
        texts.shuffle(using: &generator)
        try connection.query("INSERT INTO tally_texts (campaign_id, sealed) SELECT \(campaign.id), t FROM unnest(\(texts)::bytea[]) AS t")
        try connection.query(
            "UPDATE invitations SET used_on = \(today.description)::date WHERE campaign_id = \(campaign.id) AND used_on IS NOT NULL")
        return ["ballots": ballots, "texts": texts.count]
    }

    /// A closed joint campaign's box as the count reads it: the encrypted ballots in the chain's
    /// order, the sealed texts in an order every trustee sees alike (by their random bytes), and a
    /// digest of both.
    struct Box {
        let ballots: [EncryptedBallot]
        let texts: [Data]
        let digest: [UInt8]
        /// The chain's head: the last ballot's code (the chain's start when there is none).
        let head: [UInt8]
    }

    /// Reads the box and refuses one that is not what the claims made: positions 1 … n with n the
    /// campaign's count of chained ballots and its used invitations, every code the chain's next
    /// over its ballot, the last the campaign's chain head. A ballot taken out, added or altered
    /// behind the application's back stops the count (`CampaignError.boxTampered`) before any
    /// trustee's share is used on it.
    static func check(_ campaign: Campaign, context: ElectionContext, on connection: Connection) throws -> Box {
        let row = try connection.query(
            """
            SELECT tally_count, tally_chain,
                   (SELECT count(*) FROM invitations WHERE campaign_id = \(campaign.id) AND used_on IS NOT NULL) AS used
            FROM campaigns WHERE id = \(campaign.id)
            """)[0]
        let count: Int = try row.decode("tally_count")
        let head: Data = try row.decode("tally_chain")
        let used: Int = try row.decode("used")
        let decoder = JSONDecoder()
        var ballots: [EncryptedBallot] = []
        var previous = TrackingCode.start(electionHash: context.electionHash)
        for (offset, row) in try connection.query(
            "SELECT position, code, contests, texts FROM tally_ballots WHERE campaign_id = \(campaign.id) ORDER BY position"
        ).rows.enumerated() {
            guard try row.decode("position", as: Int.self) == offset + 1,
                let contests = try? decoder.decode([EncryptedContest].self, from: Data((try row.decode("contests", as: String.self)).utf8)),
                let digests = try? decoder.decode([String].self, from: Data((try row.decode("texts", as: String.self)).utf8)).map({ hex in
                    guard let digest = Hex.decode(hex), digest.count == 32 else { throw CampaignError.boxTampered(campaign.id) }
                    return digest
                })
            else { throw CampaignError.boxTampered(campaign.id) }
            let code = TrackingCode.next(
                after: previous, ballotHash: EncryptedBallot.hash(contests: contests, texts: digests, electionHash: context.electionHash))
            guard Data(code) == (try row.decode("code", as: Data.self)) else { throw CampaignError.boxTampered(campaign.id) }
            ballots.append(EncryptedBallot(code: code, contests: contests, texts: digests))
            previous = code
        }
        guard ballots.count == count, count == used, Data(previous) == head else { throw CampaignError.boxTampered(campaign.id) }
        // Every ballot has a form's shape: whole targets (every grade or star question of each),
        // one sealed text per text box of that form; no ciphertext and no sealed text twice (a
        // ballot copied, or a ballot made of another's texts to single them out at the count).
        var alphas: Set<[UInt8]> = []
        for ballot in ballots {
            var targets: [String] = []
            for contest in ballot.contests {
                guard let position = context.positions[contest.id] else { throw CampaignError.boxTampered(campaign.id) }
                let target = context.manifest.contests[position].target
                if targets.last != target { targets.append(target) }
            }
            guard !targets.isEmpty, Set(targets).count == targets.count,
                ballot.contests.map(\.id) == JointBallot.contests(template: campaign.template, targets: targets).map(\.id),
                ballot.texts.count == JointBallot.textCount(template: campaign.template, targets: targets)
            else { throw CampaignError.boxTampered(campaign.id) }
            for selection in ballot.contests.flatMap(\.selections) {
                guard alphas.insert(selection.alpha.bytes).inserted else { throw CampaignError.boxTampered(campaign.id) }
            }
        }
        let texts: [Data] = try connection.query("SELECT sealed FROM tally_texts WHERE campaign_id = \(campaign.id) ORDER BY sealed").map {
            try $0.decode("sealed")
        }
        // Every sealed text is one the chain names, and every one it names is there: none swapped,
        // added or taken out.
        let named = ballots.flatMap(\.texts).map(\.hex).sorted()
        guard Set(named).count == named.count else { throw CampaignError.boxTampered(campaign.id) }
        guard texts.map({ Array(SHA256.hash(data: $0)).hex }).sorted() == named else { throw CampaignError.boxTampered(campaign.id) }
        var digest = TallyHash("box")
        digest.add(previous)
        digest.add(count: ballots.count)
        digest.add(count: texts.count)
        for text in texts { digest.add(Array(text)) }
        return Box(ballots: ballots, texts: texts, digest: digest.digest(), head: previous)
    }

    /// 「答卷指纹」: the chain head's short form and the number of ballots.
    static func fingerprint(_ box: Box) -> String {
        "\(TrackingCode.short(box.head))（\(box.ballots.count) 份）"
    }
}
