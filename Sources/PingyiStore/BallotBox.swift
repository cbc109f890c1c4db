import Foundation
import PingyiCore
import PingyiPostgres

/// The ballot box of open campaigns: one partition per campaign, holding each ballot as one
/// sealed row (ciphertext, padded to a size class) and nothing else — no id, no time.
enum BallotBox {
    /// The partition's name.
    static func partition(_ campaignID: Int) -> String { "ballot_box_campaign_\(campaignID)" }

    /// Gives an opening campaign its partition.
    static func prepare(campaignID: Int, on connection: Connection) throws {
        try connection.query("SELECT ballot_box_partition(\(campaignID))")
    }

    /// Counts a closing campaign's ballots into the response tables, inside the caller's
    /// transaction: every sealed ballot is opened here in the process with `key`, the answers of
    /// all ballots are pooled and shuffled (a cryptographic generator), and written as fresh rows
    /// that carry no ballot id — grades, stars, comments, and the unsigned 问题线索 (dated the
    /// day of the close). The used invitations are rewritten in the same transaction with the
    /// close day as their day of use, so neither `xmin`, commit time, physical order nor a day
    /// lines a response up with a claim. Then the partition is truncated.
    ///
    /// A sealed ballot that does not open with `key` throws before anything is written.
    static func count(campaign: Campaign, key: BallotOpeningKey?, today: CivilDate, on connection: Connection) throws -> [String: Int] {
        if let sealing = campaign.sealingKey {
            // The key must be this campaign's, even when its box happens to be empty.
            guard let key else { throw CampaignError.openingKeyMissing(campaign.id) }
            guard key.sealingKey == sealing else { throw CampaignError.openingKeyMismatch(campaign.id) }
        }
        try prepare(campaignID: campaign.id, on: connection)
        let box = partition(campaign.id)
        // One sealed ballot per used invitation (the claim and the insert are one statement): a
        // box that says otherwise was changed behind the application's back, and is not counted.
        let sealed = try connection.query("SELECT count(*) AS n FROM \(identifier: box)")[0].decode("n", as: Int.self)
        let used = try connection.query(
            "SELECT count(*) AS n FROM invitations WHERE campaign_id = \(campaign.id) AND used_on IS NOT NULL")[0].decode("n", as: Int.self)
        guard sealed == used else { throw CampaignError.boxMismatch(id: campaign.id, sealed: sealed, used: used) }
        let context = SealedBallot.context(campaignID: campaign.id)
        var ballots: [BallotAnswers] = []
        let decoder = JSONDecoder()
        for row in try connection.query("SELECT answers::text AS answers, sealed FROM \(identifier: box)").rows {
            let plaintext: Data
            if let sealed: Data = try row.decode("sealed") {
                guard let key else { throw CampaignError.openingKeyMissing(campaign.id) }
                do {
                    plaintext = try key.open(sealed, context: context)
                } catch {
                    throw CampaignError.openingKeyMismatch(campaign.id)
                }
            } else {
                // A ballot of a campaign opened before sealing existed.
                plaintext = Data((try row.decode("answers", as: String.self)).utf8)
            }
            ballots.append(try decoder.decode(BallotAnswers.self, from: plaintext))
        }
        let tally = BallotPool(ballots, clueQuestions: campaign.template.clueQuestions)

        try connection.query(
            "INSERT INTO ballots (id, campaign_id) SELECT gen_random_uuid(), \(campaign.id) FROM generate_series(1, \(ballots.count))")
        let grades = tally.grades
        try connection.query(
            """
            INSERT INTO chief_grades (campaign_id, employee_number, question, option)
            SELECT \(campaign.id), g.target, g.question, g.option
            FROM unnest(\(grades.map(\.target))::text[], \(grades.map(\.question))::text[], \(grades.map(\.option))::text[])
                 AS g(target, question, option)
            """)
        let stars = tally.stars
        try connection.query(
            """
            INSERT INTO department_stars (campaign_id, department_code, question, stars)
            SELECT \(campaign.id), s.target, s.question, s.stars
            FROM unnest(\(stars.map(\.target))::text[], \(stars.map(\.question))::text[], \(stars.map { $0.stars })::int[])
                 AS s(target, question, stars)
            """)
        let texts = tally.texts
        try connection.query(
            """
            INSERT INTO text_answers (campaign_id, target, question, body)
            SELECT \(campaign.id), nullif(t.target, ''), t.question, t.body
            FROM unnest(\(texts.map { $0.target ?? "" })::text[], \(texts.map(\.question))::text[], \(texts.map(\.text))::text[])
                 AS t(target, question, body)
            """)
        let clues = tally.unsignedClues
        try connection.query(
            """
            INSERT INTO problem_clues (campaign_id, department_code, body, reported_on)
            SELECT \(campaign.id), k.department, k.body, \(today.description)::date
            FROM unnest(\(clues.map { $0.target ?? "" })::text[], \(clues.map(\.text))::text[]) AS k(department, body)
            """)
        try connection.query(
            """
            UPDATE invitations SET used_on = \(today.description)::date
            WHERE campaign_id = \(campaign.id) AND used_on IS NOT NULL
            """)
        try connection.query("TRUNCATE \(identifier: box)")
        return ["ballots": ballots.count, "grades": grades.count, "stars": stars.count, "texts": texts.count, "clues": clues.count]
    }
}
