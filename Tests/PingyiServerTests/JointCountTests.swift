import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiPostgres
import PingyiTestSupport
import Testing

@testable import PingyiStore
@testable import PingyiTally

@Suite("The joint count (多方联合计票)")
struct JointCountTests {
    static let xiaomi = "91110108551385082Q"

    /// Submits `fields` for the merchant `creditCode` and returns the tracking code its thanks page shows.
    static func submit(_ server: ServerHarness, creditCode: String, fields: (String) -> [(String, String)]) async throws -> String {
        let cookie = "pingyi_s=\(server.merchantToken(creditCode).text)"
        let csrf = try await server.csrf(path: "/s", cookie: cookie)
        let submitted = try await server.post("/s", body: ServerHarness.encode(fields(csrf)), cookie: cookie)
        #expect(submitted.status == .seeOther && submitted.headers[.location] == "/s/thanks")
        let marker = try #require(submitted.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        #expect(marker.hasPrefix("pingyi_s=submitted:"))
        let thanks = try await server.get("/s/thanks", cookie: marker)
        #expect(thanks.text.contains("您的追踪码"))
        let code = try #require(thanks.text.firstMatch(of: /[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/).map { String($0.output) })
        // Back to the form says 「已提交」 as with a sealed ballot.
        #expect(try await server.get("/s", cookie: marker).headers[.location] == "/s/done")
        return code
    }

    static func track(_ server: ServerHarness, _ code: String) async throws -> String {
        try await server.post("/track", body: ServerHarness.encode([("code", code.lowercased())]), cookie: nil).text
    }

    @Test("merchants' ballots: encrypted and chained, a tracking code each; one trustee counts nothing; two do, and only the totals are opened")
    func wholeCount() async throws {
        try await ServerHarness.run(open: [.merchantReview], joint: true) { server in
            let campaign = server.merchantReview!.0
            let shares = try #require(server.shares[.merchantReview])
            #expect(campaign.isJoint && campaign.sealingKey == nil)
            let first = try await Self.submit(server, creditCode: MerchantBallotTests.huawei) { MerchantBallotTests.validFields(csrf: $0) }
            let second = try await Self.submit(server, creditCode: Self.xiaomi) {
                [("csrf", $0), ("a.G0301.overall", "basic"), ("a.G0301.comment", "纳税窗口很好 联合计票标记")]
            }
            #expect(first != second)

            // While open: encrypted ballots and sealed texts, nothing readable, no sealed box.
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM tally_ballots") == 2)
            // One sealed text per text box of each form: huawei's three chiefs' comments and the general one, xiaomi's one and the general.
            #expect(try server.fixture.count("SELECT count(*) FROM tally_texts") == 6)
            let connection = try server.fixture.database.connect()
            // Each box's texts have one length, filled or empty: a comment on a chief's (300
            // characters), the general comment's (1,000).
            let lengths = try connection.query("SELECT DISTINCT octet_length(sealed) AS n FROM tally_texts ORDER BY 1").map {
                try $0.decode("n", as: Int.self)
            }
            #expect(lengths == [SealedText.size(length: 12 + 256 + 1200), SealedText.size(length: 12 + 256 + 4000)])
            for table in ["tally_ballots", "tally_texts", "campaigns", "chief_grades", "text_answers", "audit_log"] {
                let dump =
                    try connection.query("SELECT string_agg(t::text, ' ') AS d FROM \(identifier: table) t")[0].decode("d", as: String?.self) ?? ""
                #expect(!dump.contains("联合计票标记") && !dump.contains("窗口办事要跑三趟") && !dump.contains("希望简化流程"), "\(table)")
            }
            #expect(try await Self.track(server, first).contains("答卷已收到"))

            // Scoring waits for the count; so does archiving.
            _ = try await CampaignStore(pool: server.fixture.pool).transition(id: campaign.id, to: .closed, actor: "test")
            await #expect(throws: AppraisalError.self) { try await ScoringStore(pool: server.fixture.pool).score(year: 2026, actor: "test") }
            await #expect(throws: CampaignError.notCounted(campaign.id)) {
                try await CampaignStore(pool: server.fixture.pool).transition(id: campaign.id, to: .published, actor: "test")
            }

            let store = JointTallyStore(pool: server.fixture.pool)
            // A changed share, another ceremony's share: refused naming the trustee.
            let changed = TrusteeShare(
                campaign: shares[0].campaign, ceremonyHash: shares[0].ceremonyHash, index: 1, name: shares[0].name, secret: shares[0].secret + .one)
            await #expect(throws: TallyError.shareDoesNotMatch(trustee: "县营商办")) {
                try await store.contribute(campaignID: campaign.id, share: changed, actor: "test")
            }
            let foreign = TrusteeShare(
                campaign: "别的活动", ceremonyHash: [UInt8](repeating: 1, count: 32), index: 2, name: "县纪委监委", secret: shares[1].secret)
            await #expect(throws: TallyError.shareOfAnotherCampaign(trustee: "县纪委监委")) {
                try await store.contribute(campaignID: campaign.id, share: foreign, actor: "test")
            }
            let relabelled = TrusteeShare(
                campaign: "别的活动", ceremonyHash: shares[1].ceremonyHash, index: 2, name: "县纪委监委", secret: shares[1].secret)
            await #expect(throws: TallyError.shareOfAnotherCampaign(trustee: "县纪委监委")) {
                try await store.contribute(campaignID: campaign.id, share: relabelled, actor: "test")
            }

            // One trustee's contribution: nothing decrypted, nothing of it in the database, and one is not enough.
            let one = try await store.contribute(campaignID: campaign.id, share: shares[1], actor: "test")
            #expect(try server.fixture.count("SELECT count(*) FROM chief_grades") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM text_answers") == 0)
            await #expect(throws: TallyError.quorumNotMet(present: 1, quorum: 2)) {
                try await store.complete(campaignID: campaign.id, contributions: [one, one], actor: "test")
            }

            // The second (the third trustee stays away): the count.
            let three = try await store.contribute(campaignID: campaign.id, share: shares[2], actor: "test")
            let two = try await store.complete(campaignID: campaign.id, contributions: [one, three], actor: "test")
            #expect(two.counted && two.given == ["县纪委监委", "县委组织部"])
            let grades = try connection.query(
                "SELECT employee_number || ':' || option AS g, count(*) AS n FROM chief_grades GROUP BY 1 ORDER BY 1"
            ).map { "\(try $0.decode("g", as: String.self))=\(try $0.decode("n", as: Int.self))" }
            #expect(grades == ["G0101:satisfied=1", "G0102:unsatisfied=1", "G0201:unknown=1", "G0301:basic=1"])
            let texts = Set(try connection.query("SELECT body FROM text_answers").map { try $0.decode("body", as: String.self) })
            #expect(texts == ["窗口办事要跑三趟", "希望简化流程", "纳税窗口很好 联合计票标记"])
            #expect(try server.fixture.count("SELECT count(*) FROM ballots") == 2)
            #expect(try server.fixture.count("SELECT count(*) FROM tally_texts") == 0)

            // The record: both tracking codes in it, the chain's order; served at /records/{id}.
            let served = try await server.get("/records/\(campaign.id)")
            #expect(served.status == .ok && served.headers[.contentType]?.hasPrefix("application/json") == true)
            let record = try JSONDecoder().decode(TallyRecord.self, from: Data(served.text.utf8))
            #expect(record.ballots.map { TrackingCode.short($0.code) } == [first, second])
            #expect(!served.text.contains(MerchantBallotTests.huawei) && !served.text.contains("联合计票标记"))
            #expect(record.texts.count == 6)
            #expect(record.tally.first { $0.id == "G0102|overall" }?.totals == [0, 0, 1, 0])
            // The independent verifier (python-ecdsa, not OpenSSL) accepts the record as served.
            let (status, output) = try await IndependentVerifier.check(served.text)
            #expect(status == 0, "\(output)")
            #expect(output.contains("2 ballots"))
            #expect(try await Self.track(server, first).contains("答卷已计入公开记录"))
            #expect(try await Self.track(server, "AAAA-AAAA-AAAA-AAAA").contains("没有找到"))
            #expect(try await server.post("/track", body: ServerHarness.encode([("code", "不是追踪码")]), cookie: nil).status == .unprocessableContent)
            #expect(try await server.get("/records/999999").status == .notFound)

            // Scoring reads the totals; the campaign can be archived.
            // Every published count is the record's total: the recompute from the verified totals matches.
            let run = try await ScoringStore(pool: server.fixture.pool).score(year: 2026, actor: "test")
            #expect(run.scores.count == 4)
            let options = ["satisfied", "basic", "unsatisfied", "unknown"]
            let overall = try #require(campaign.template.overallQuestion)
            for score in run.scores {
                let totals = try #require(record.tally.first { $0.id == "\(score.employeeNumber)|overall" }?.totals)
                let fromRecord = Dictionary(uniqueKeysWithValues: zip(options, totals)).filter { $0.value > 0 }
                #expect(score.counts.filter { $0.value > 0 } == fromRecord, "\(score.employeeNumber)")
                // The merchant score and the 不满意 share, recomputed from the record's totals and the template's points.
                var points = 0.0
                var valid = 0
                var unsatisfied = 0
                for (option, total) in zip(options, totals) {
                    guard let answer = overall.option(option), let value = answer.points else { continue }
                    points += value * Double(total)
                    valid += total
                    if answer.unsatisfied { unsatisfied += total }
                }
                #expect(score.n == valid && score.unsatisfied == unsatisfied, "\(score.employeeNumber)")
                let mean: Double = valid == 0 ? .nan : points / Double(valid)
                let expected: Double? = valid == 0 ? nil : ScoreRounding.round(mean, decimals: 2) as Double
                #expect(score.merchantScore == expected, "\(score.employeeNumber)")
            }
            _ = try await CampaignStore(pool: server.fixture.pool).transition(id: campaign.id, to: .published, actor: "test")
            await #expect(throws: CampaignError.self) { try await store.contribute(campaignID: campaign.id, share: shares[0], actor: "test") }
        }
    }

    @Test("a supervisor's star rating in the joint count: stars counted, an unsigned clue released at the count, a signed one at once")
    func stars() async throws {
        try await ServerHarness.run(open: [.starRating], joint: true) { server in
            let campaign = server.starRating!.0
            let shares = try #require(server.shares[.starRating])
            for (code, signed) in [("JD001", false), ("JD002", true)] {
                let cookie = "pingyi_r=\(server.supervisorToken(code).text)"
                let csrf = try await server.csrf(path: "/r", cookie: cookie)
                let posted = try await server.post(
                    "/r", body: ServerHarness.encode(StarRatingTests.fields(csrf: csrf, clue: "线索 \(code)", signed: signed)), cookie: cookie)
                #expect(posted.status == .seeOther)
            }
            #expect(try server.fixture.count("SELECT count(*) FROM problem_clues") == 1, "the signed clue went to the office at once")
            _ = try await CampaignStore(pool: server.fixture.pool).transition(id: campaign.id, to: .closed, actor: "test")
            let store = JointTallyStore(pool: server.fixture.pool)
            let contributions = [
                try await store.contribute(campaignID: campaign.id, share: shares[0], actor: "test"),
                try await store.contribute(campaignID: campaign.id, share: shares[1], actor: "test"),
            ]
            #expect(try await store.complete(campaignID: campaign.id, contributions: contributions, actor: "test").counted)
            #expect(try server.fixture.count("SELECT count(*) FROM problem_clues") == 2)
            #expect(try server.fixture.count("SELECT count(*) FROM problem_clues WHERE body = '线索 JD001' AND signed_by IS NULL") == 1)
            #expect(try server.fixture.count("SELECT count(*) FROM department_stars") > 0)
            #expect(try server.fixture.count("SELECT count(*) FROM department_stars WHERE stars NOT BETWEEN 1 AND 10") == 0)
        }
    }
}

@Suite("The joint count against a DBA holding one trustee's share")
struct JointCountAttackTests {
    /// Every selection of every encrypted ballot, as a DBA reads them.
    static func selections(_ connection: Connection) throws -> [EncryptedSelection] {
        try connection.query("SELECT contests FROM tally_ballots").rows.flatMap { row in
            try JSONDecoder().decode([EncryptedContest].self, from: Data((try row.decode("contests", as: String.self)).utf8)).flatMap(\.selections)
        }
    }

    /// How many selections a key `x` (a share, or a share times a Lagrange coefficient) would
    /// decrypt: `β − x·α` is `O` or `G` only when `x` is the joint secret.
    static func decrypted(_ selections: [EncryptedSelection], with x: Scalar) -> Int {
        selections.filter {
            let m = $0.beta - x * $0.alpha
            return m == .infinity || m == .generator
        }.count
    }

    @Test("one share reads no grade and opens no text, while open or after another trustee gave its share; no stored point decrypts a ballot")
    func oneShare() async throws {
        try await ServerHarness.run(open: [.merchantReview], joint: true) { server in
            let campaign = server.merchantReview!.0
            let shares = try #require(server.shares[.merchantReview])
            _ = try await JointCountTests.submit(server, creditCode: MerchantBallotTests.huawei) { MerchantBallotTests.validFields(csrf: $0) }
            _ = try await JointCountTests.submit(server, creditCode: JointCountTests.xiaomi) {
                [("csrf", $0), ("a.G0301.overall", "basic"), ("a.G0301.comment", "第二份")]
            }
            let connection = try server.fixture.database.connect()
            let selections = try Self.selections(connection)
            #expect(selections.count == 16)
            // Each trustee's share alone, as it is and as its Lagrange coefficient with any other would weigh it.
            let lagrange = TallyDecryptor.lagrange([1, 2]).merging(TallyDecryptor.lagrange([1, 3])) { a, _ in a }
            for share in shares {
                #expect(Self.decrypted(selections, with: share.secret) == 0)
                for (_, weight) in lagrange { #expect(Self.decrypted(selections, with: weight * share.secret) == 0) }
            }
            // The joint secret does decrypt every selection: the check above could fail.
            let joint = TallyDecryptor.lagrange([1, 2]).map { $0.value * shares[$0.key - 1].secret }.reduce(Scalar.zero, +)
            #expect(Self.decrypted(selections, with: joint) == selections.count)
            // No sealed text opens with one share.
            let texts: [Data] = try connection.query("SELECT sealed FROM tally_texts").map { try $0.decode("sealed") }
            for sealed in texts {
                let r = try #require(SealedText.ephemeral(sealed))
                for share in shares { #expect(throws: TallyError.textUnreadable) { try SealedText.open(sealed, shared: share.partial(r)) } }
            }

            // Closed, and trustee 1 has given its share: nothing of what it gave is in the database
            // for a DBA to combine with a share of its own.
            _ = try await CampaignStore(pool: server.fixture.pool).transition(id: campaign.id, to: .closed, actor: "test")
            let contribution = try await JointTallyStore(pool: server.fixture.pool).contribute(
                campaignID: campaign.id, share: shares[0], actor: "test")
            let dump = try connection.query(
                """
                SELECT string_agg(t::text, ' ') AS d FROM (
                    SELECT row_to_json(c)::text AS t FROM campaigns c UNION ALL SELECT row_to_json(a)::text FROM audit_log a
                    UNION ALL SELECT row_to_json(b)::text FROM tally_ballots b UNION ALL SELECT encode(sealed, 'hex') FROM tally_texts) x
                """)[0].decode("d", as: String.self)
            for point in contribution.shares.joined().map(\.share) + contribution.partials where !point.isInfinity {
                #expect(!dump.contains(point.hex))
            }
            // The texts were rewritten at the close: one transaction, none of the claims'.
            let textWriters = try connection.query("SELECT DISTINCT xmin::text AS x FROM tally_texts").map { try $0.decode("x", as: String.self) }
            let claimWriters = Set(try connection.query("SELECT xmin::text AS x FROM tally_ballots").map { try $0.decode("x", as: String.self) })
            #expect(textWriters.count == 1 && claimWriters.isDisjoint(with: textWriters))
            let days = try connection.query("SELECT DISTINCT used_on::text AS d FROM invitations WHERE used_on IS NOT NULL").map {
                try $0.decode("d", as: String.self)
            }
            #expect(days.count == 1)
        }
    }
}

@Suite("The joint count against a DBA who edits the box")
struct JointCountTamperTests {
    @Test(
        "a text forged from a ballot's α, or swapped for one sealed to the joint key, stops the count and opens nothing; so do a ballot taken out and a box changed between shares"
    )
    func edits() async throws {
        try await ServerHarness.run(joint: true) { server in
            let merchant = server.merchantReview!.0
            let shares = try #require(server.shares[.merchantReview])
            _ = try await JointCountTests.submit(server, creditCode: MerchantBallotTests.huawei) { MerchantBallotTests.validFields(csrf: $0) }
            _ = try await JointCountTests.submit(server, creditCode: JointCountTests.xiaomi) {
                [("csrf", $0), ("a.G0301.overall", "basic"), ("a.G0301.comment", "好")]
            }
            let campaigns = CampaignStore(pool: server.fixture.pool)
            let store = JointTallyStore(pool: server.fixture.pool)
            _ = try await campaigns.transition(id: merchant.id, to: .closed, actor: "test")
            let connection = try server.fixture.database.connect()
            // The DBA adds "texts" made of a ballot's α, hoping the trustees decrypt them for it.
            let contests: String = try connection.query("SELECT contests FROM tally_ballots WHERE position = 1 AND campaign_id = \(merchant.id)")[0]
                .decode("contests")
            let alpha = try JSONDecoder().decode([EncryptedContest].self, from: Data(contests.utf8))[0].selections[0].alpha
            try connection.query(
                "INSERT INTO tally_texts (campaign_id, sealed) VALUES (\(merchant.id), \(Data(alpha.bytes + [UInt8](repeating: 7, count: 1500))))")
            await #expect(throws: CampaignError.boxTampered(merchant.id)) {
                try await store.contribute(campaignID: merchant.id, share: shares[0], actor: "test")
            }
            #expect(try server.fixture.count("SELECT count(*) FROM chief_grades") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM text_answers") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM tally_records") == 0)
            try connection.query("DELETE FROM tally_texts WHERE sealed = \(Data(alpha.bytes + [UInt8](repeating: 7, count: 1500)))")
            // Contributions made over one box do not count another: a text row added after them.
            let first = try await store.contribute(campaignID: merchant.id, share: shares[0], actor: "test")
            let second = try await store.contribute(campaignID: merchant.id, share: shares[1], actor: "test")
            let row: Data = try connection.query("SELECT sealed FROM tally_texts WHERE campaign_id = \(merchant.id) LIMIT 1")[0].decode("sealed")
            try connection.query("DELETE FROM tally_texts WHERE sealed = \(row)")
            await #expect(throws: CampaignError.boxTampered(merchant.id)) {
                try await store.complete(campaignID: merchant.id, contributions: [first, second], actor: "test")
            }
            try connection.query("INSERT INTO tally_texts (campaign_id, sealed) VALUES (\(merchant.id), \(row))")
            // A text swapped for one the DBA sealed to the public joint key (it would open): the
            // chain names every text's hash, so the count stops before any share is used.
            let context = try JointContextCache.context(for: merchant, on: connection)
            let item = try JointBallot.texts(
                BallotAnswers(texts: [TextAnswer(target: "G0301", question: "comment", text: "伪造")]), template: merchant.template,
                targets: ["G0301"])[0]
            let forged = try SealedText.seal(item.item, length: item.length, key: context.jointKey)
            let victim: Data = try connection.query("SELECT sealed FROM tally_texts WHERE campaign_id = \(merchant.id) LIMIT 1")[0].decode("sealed")
            try connection.query("UPDATE tally_texts SET sealed = \(forged) WHERE sealed = \(victim)")
            await #expect(throws: CampaignError.boxTampered(merchant.id)) {
                try await store.contribute(campaignID: merchant.id, share: shares[0], actor: "test")
            }
            try connection.query("UPDATE tally_texts SET sealed = \(victim) WHERE sealed = \(forged)")
            // Given again over the box as it is, the count goes through.
            let again = [
                try await store.contribute(campaignID: merchant.id, share: shares[0], actor: "test"),
                try await store.contribute(campaignID: merchant.id, share: shares[2], actor: "test"),
            ]
            #expect(try await store.complete(campaignID: merchant.id, contributions: again, actor: "test").counted)

            // A star rating whose last ballot the DBA deletes after the close: no share is used on it.
            let star = server.starRating!.0
            let starShares = try #require(server.shares[.starRating])
            for code in ["JD001", "JD002"] {
                let cookie = "pingyi_r=\(server.supervisorToken(code).text)"
                let csrf = try await server.csrf(path: "/r", cookie: cookie)
                _ = try await server.post(
                    "/r", body: ServerHarness.encode(StarRatingTests.fields(csrf: csrf, clue: nil, signed: false)), cookie: cookie)
            }
            _ = try await campaigns.transition(id: star.id, to: .closed, actor: "test")
            // The re-attack: a ballot added at the end that carries the first ballot's sealed texts
            // (to single its clue out at the count), the chain, its head, the count and one more
            // used invitation all rewritten consistently. The box refuses a text named twice.
            let firstBallot = try connection.query(
                "SELECT contests, texts FROM tally_ballots WHERE campaign_id = \(star.id) AND position = 1")[0]
            let victimTexts: String = try firstBallot.decode("texts")
            let starContext = try JointContextCache.context(for: star, on: connection)
            let digests = try JSONDecoder().decode([String].self, from: Data(victimTexts.utf8)).map { Hex.decode($0)! }
            let fakeContests = try EncryptedBallot.encrypt(
                choices: Dictionary(uniqueKeysWithValues: starContext.manifest.contests.map { ($0.id, 0) }), context: starContext)
            let head: Data = try connection.query("SELECT tally_chain FROM campaigns WHERE id = \(star.id)")[0].decode("tally_chain")
            let code = TrackingCode.next(
                after: Array(head), ballotHash: EncryptedBallot.hash(contests: fakeContests, texts: digests, electionHash: starContext.electionHash))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try connection.query(
                """
                INSERT INTO tally_ballots (campaign_id, position, code, contests, texts)
                VALUES (\(star.id), 3, \(Data(code)), \(String(decoding: try encoder.encode(fakeContests), as: UTF8.self)), \(victimTexts))
                """)
            try connection.query(
                """
                INSERT INTO tally_texts (campaign_id, sealed) SELECT campaign_id, sealed FROM tally_texts WHERE campaign_id = \(star.id)
                  AND encode(sha256(sealed), 'hex') = ANY(\(digests.map(\.hex))::text[])
                """)
            try connection.query("UPDATE campaigns SET tally_count = 3, tally_chain = \(Data(code)) WHERE id = \(star.id)")
            try connection.query(
                """
                UPDATE invitations SET used_on = (SELECT max(used_on) FROM invitations WHERE campaign_id = \(star.id))
                WHERE id = (SELECT min(id) FROM invitations WHERE campaign_id = \(star.id) AND used_on IS NULL)
                """)
            await #expect(throws: CampaignError.boxTampered(star.id)) {
                try await store.contribute(campaignID: star.id, share: starShares[0], actor: "test")
            }
            try connection.query("DELETE FROM tally_ballots WHERE campaign_id = \(star.id) AND position = 2")
            await #expect(throws: CampaignError.boxTampered(star.id)) {
                try await store.contribute(campaignID: star.id, share: starShares[0], actor: "test")
            }
        }
    }
}
