import PingyiPostgres

/// The ballot box of open campaigns: one partition per campaign, holding each ballot as one
/// JSON row with a random id and nothing else.
enum BallotBox {
    /// The partition's name.
    static func partition(_ campaignID: Int) -> String { "ballot_box_campaign_\(campaignID)" }

    /// Gives an opening campaign its partition.
    static func prepare(campaignID: Int, on connection: Connection) throws {
        try connection.query("SELECT ballot_box_partition(\(campaignID))")
    }

    /// Moves a closing campaign's ballots into the response tables, each table filled in random
    /// order, then truncates the partition. Returns how many rows went where.
    static func empty(campaignID: Int, on connection: Connection) throws -> [String: Int] {
        try prepare(campaignID: campaignID, on: connection)
        let box = partition(campaignID)
        let ballots = try connection.query(
            "INSERT INTO ballots (id, campaign_id) SELECT id, campaign_id FROM \(identifier: box) ORDER BY random()"
        ).affectedRows
        let grades = try connection.query(
            """
            INSERT INTO chief_grades (ballot_id, campaign_id, employee_number, question, option)
            SELECT b.id, b.campaign_id, g.target, g.question, g.option
            FROM \(identifier: box) b, jsonb_to_recordset(b.answers -> 'grades') AS g(target text, question text, option text)
            ORDER BY random()
            """
        ).affectedRows
        let stars = try connection.query(
            """
            INSERT INTO department_stars (ballot_id, campaign_id, department_code, question, stars)
            SELECT b.id, b.campaign_id, s.target, s.question, s.stars
            FROM \(identifier: box) b, jsonb_to_recordset(b.answers -> 'stars') AS s(target text, question text, stars smallint)
            ORDER BY random()
            """
        ).affectedRows
        let texts = try connection.query(
            """
            INSERT INTO text_answers (ballot_id, campaign_id, target, question, body)
            SELECT b.id, b.campaign_id, t.target, t.question, t.text
            FROM \(identifier: box) b, jsonb_to_recordset(b.answers -> 'texts') AS t(target text, question text, text text)
            ORDER BY random()
            """
        ).affectedRows
        try connection.query("TRUNCATE \(identifier: box)")
        return ["ballots": ballots, "grades": grades, "stars": stars, "texts": texts]
    }
}
