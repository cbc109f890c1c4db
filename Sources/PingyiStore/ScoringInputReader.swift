import Foundation
import PingyiCore
import PingyiPostgres

/// Reads everything a year's scoring needs, with the heavy counting done by SQL, in named steps:
/// the year's campaigns, the tallies of the overall grade (one `GROUP BY` over the grades), the
/// stars (one `GROUP BY` over the ratings), the assessments and the earlier years.
struct ScoringInputReader {
    /// What was read: the input to score, the counts recorded with the run, remarks for the
    /// office and the campaigns' template checksums.
    struct Gathered {
        var input: ScoringInput
        var counts: [String: Int]
        var notes: [String]
        var merchantTemplateSHA: String?
        var starTemplateSHA: String?
    }

    let year: Int
    let connection: Connection

    /// Reads the year's input under `policy`.
    static func gather(year: Int, policy: ScoringPolicy, on connection: Connection) throws -> Gathered {
        let reader = ScoringInputReader(year: year, connection: connection)
        var counts: [String: Int] = [:]
        let (merchant, star, campaignNotes) = try reader.campaigns()
        var notes = campaignNotes
        let overall = merchant?.template.overallQuestion
        let (tallies, grades) = try reader.tallies(campaign: merchant?.id, question: overall?.id)
        counts["chiefs"] = tallies.count
        counts["grades"] = grades
        counts["merchantBallots"] = try reader.ballots(campaign: merchant?.id)
        let stars = try reader.stars(campaign: star?.id)
        counts["starBallots"] = try reader.ballots(campaign: star?.id)
        let (departmentAssessments, chiefAssessments) = try reader.assessments()
        counts["assessments"] = departmentAssessments.count + chiefAssessments.count
        if departmentAssessments.isEmpty && chiefAssessments.isEmpty { notes.append("\(year) 年度还没有导入目标责任考核") }
        let history = try ScoringResultsStore.history(before: year, on: connection)
        let input = ScoringInput(
            year: year, policy: policy, options: overall?.options ?? [], tallies: tallies, stars: stars,
            departmentAssessments: departmentAssessments, chiefAssessments: chiefAssessments, history: history)
        return Gathered(
            input: input, counts: counts, notes: notes, merchantTemplateSHA: merchant?.templateSHA256, starTemplateSHA: star?.templateSHA256)
    }

    /// The year's merchant review and star rating (the first of each kind), with a remark for
    /// each campaign not closed yet and each kind missing.
    func campaigns() throws -> (merchant: Campaign?, star: Campaign?, notes: [String]) {
        let campaigns = try connection.query("SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE year = \(year)")
            .map(CampaignStore.decode)
        let merchant = campaigns.first { $0.kind == .merchantReview }
        let star = campaigns.first { $0.kind == .starRating }
        var notes: [String] = []
        for campaign in campaigns where campaign.state == .open || campaign.state == .draft {
            notes.append("活动 \(campaign.id)「\(campaign.kind.label)」尚未结束：其选票在结束并计票后才计入")
        }
        if merchant == nil { notes.append("\(year) 年度没有客商评议活动") }
        if star == nil { notes.append("\(year) 年度没有评星定级活动") }
        return (merchant, star, notes)
    }

    /// Every chief in post with the counts of each option of the overall grade `question` of
    /// `campaign` (one `GROUP BY` pass over the grades, joined to the chiefs), by 工号; and the
    /// number of grades counted.
    func tallies(campaign: Int?, question: String?) throws -> (tallies: [ChiefTally], grades: Int) {
        let rows = try connection.query(
            """
            SELECT c.employee_number, c.name, d.code AS department_code, d.name AS department_name, s.name AS section, c.position,
                   g.option, g.n
            FROM chiefs c
            JOIN sections s ON s.id = c.section_id
            JOIN departments d ON d.code = s.department_code
            LEFT JOIN (
                SELECT employee_number, option, count(*) AS n FROM chief_grades
                WHERE campaign_id = \(campaign ?? -1) AND question = \(question ?? "")
                GROUP BY employee_number, option
            ) g ON g.employee_number = c.employee_number
            WHERE c.active AND d.active
            ORDER BY c.employee_number
            """)
        var tallies: [ChiefTally] = []
        var grades = 0
        for row in rows.rows {
            let number: String = try row.decode("employee_number")
            if tallies.last?.employeeNumber != number {
                tallies.append(
                    ChiefTally(
                        employeeNumber: number, name: try row.decode("name"), departmentCode: try row.decode("department_code"),
                        departmentName: try row.decode("department_name"), section: try row.decode("section"),
                        position: try row.decode("position"), counts: [:]))
            }
            if let option: String = try row.decode("option") {
                let n: Int = try row.decode("n")
                tallies[tallies.count - 1].counts[option] = n
                grades += n
            }
        }
        return (tallies, grades)
    }

    /// The ballots of `campaign` (0 when there is none).
    func ballots(campaign: Int?) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM ballots WHERE campaign_id = \(campaign ?? -1)")[0].decode("n")
    }

    /// Each department's mean stars and ratings per point of the star rating `campaign` (one
    /// `GROUP BY` pass over the stars).
    func stars(campaign: Int?) throws -> [String: DepartmentStars] {
        var stars: [String: DepartmentStars] = [:]
        for row in try connection.query(
            """
            SELECT department_code, question, avg(stars)::float8 AS mean, count(*) AS n FROM department_stars
            WHERE campaign_id = \(campaign ?? -1) GROUP BY department_code, question
            """
        ).rows {
            let code: String = try row.decode("department_code")
            let question: String = try row.decode("question")
            var entry = stars[code] ?? DepartmentStars(meanByPoint: [:], countByPoint: [:])
            entry.meanByPoint[question] = try row.decode("mean")
            entry.countByPoint[question] = try row.decode("n")
            stars[code] = entry
        }
        return stars
    }

    /// The year's assessments, of departments by code and of chiefs by 工号.
    func assessments() throws -> (departments: [String: AssessmentScores], chiefs: [String: AssessmentScores]) {
        var departments: [String: AssessmentScores] = [:]
        var chiefs: [String: AssessmentScores] = [:]
        for row in try connection.query(
            """
            SELECT department_code, employee_number, leadership::float8 AS l, publicity::float8 AS p,
                   implementation::float8 AS i, highlights::float8 AS h
            FROM assessments WHERE year = \(year)
            """
        ).rows {
            let scores = AssessmentScores(
                leadership: try row.decode("l"), publicity: try row.decode("p"), implementation: try row.decode("i"), highlights: try row.decode("h"))
            if let code: String = try row.decode("department_code") { departments[code] = scores }
            if let number: String = try row.decode("employee_number") { chiefs[number] = scores }
        }
        return (departments, chiefs)
    }
}
