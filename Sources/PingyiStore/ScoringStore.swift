import Crypto
import Foundation
import PingyiCore
import PingyiPostgres

/// Scoring runs: the inputs gathered by SQL (one `GROUP BY` pass over the grades, one over the
/// stars), scored by `PingyiCore.Scoring`, stored with one row per chief; publication makes a
/// run official, freezes the year and opens the follow-ups.
public struct ScoringStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// The latest run of each year that recorded its duration: year, run, seconds (for the metrics).
    public func latestRunDurations() async throws -> [(year: Int, run: Int, seconds: Double)] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT DISTINCT ON (year) year, id, seconds FROM scoring_runs WHERE seconds IS NOT NULL ORDER BY year, id DESC
                """
            ).map { (try $0.decode("year"), try $0.decode("id"), try $0.decode("seconds")) }
        }
    }

    /// Scores `year`. When the inputs are exactly those of the year's latest run, that run is
    /// returned (`isNew` false) — the same data always gives the same rows; otherwise a new run
    /// is stored and the old ones are kept. A published year is refused. The result carries every
    /// figure, small cells too (for the office's own check); what others read goes through
    /// `run(year:)` and the other readers, which withhold small cells (`ChiefScore.disclosed`).
    ///
    /// A year with a campaign still open is refused (its ballots are sealed and not counted yet:
    /// scoring now would rank on a part of the answers). `dryRun` computes and returns the run
    /// without storing anything (its `id` is 0).
    public func score(
        year: Int, actor: String, dryRun: Bool = false, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> ScoringRun {
        try await pool.transaction(.repeatableRead) { connection in
            guard
                let appraisal = try connection.query(
                    "SELECT policy_yaml, policy_sha256, published_at IS NOT NULL AS published FROM appraisal_years WHERE year = \(year)"
                ).first
            else { throw AppraisalError.notFound(year) }
            if try appraisal.decode("published", as: Bool.self) { throw AppraisalError.published(year) }
            try ScoringStore.refuseOpenCampaigns(year: year, on: connection)
            let policy = try PolicyCache.policy(sha256: try appraisal.decode("policy_sha256"), text: try appraisal.decode("policy_yaml"), year: year)
            progress("读取 \(year) 年度的活动、选票、评星和目标考核…")
            let gathered = try ScoringStore.gather(year: year, policy: policy, on: connection)
            progress("计算 \(gathered.input.tallies.count) 名股室长的得分…")
            let scores = Scoring.score(gathered.input)
            let fingerprint = try ScoringStore.fingerprint(gathered.input)
            if let latest = try connection.query(
                "SELECT id, number, fingerprint FROM scoring_runs WHERE year = \(year) ORDER BY id DESC LIMIT 1"
            ).first, try latest.decode("fingerprint", as: String.self) == fingerprint {
                let id: Int = try latest.decode("id")
                return ScoringRun(
                    id: id, year: year, number: try latest.decode("number"), isNew: false, official: false, inputs: gathered.counts, scores: scores,
                    notes: gathered.notes)
            }
            if dryRun {
                return ScoringRun(id: 0, year: year, isNew: false, official: false, inputs: gathered.counts, scores: scores, notes: gathered.notes)
            }
            progress("保存评分结果…")
            // One JSON array for all chiefs (one encoder call, no array literal to escape); keys
            // unsorted: jsonb keeps its own order, and sorting was a tenth of a province's run.
            let results = String(decoding: try JSONEncoder().encode(scores), as: UTF8.self)
            // seconds: now() is the transaction's start, so the run's time from its first read to
            // its results ready to store (runs never change afterwards: no later UPDATE).
            let stored = try connection.query(
                """
                INSERT INTO scoring_runs (year, fingerprint, policy_sha256, merchant_template_sha256, star_template_sha256, inputs, created_by, seconds)
                VALUES (\(year), \(fingerprint), \(try appraisal.decode("policy_sha256", as: String.self)), \(gathered.merchantTemplateSHA),
                        \(gathered.starTemplateSHA), \(AuditLog.json(gathered.counts))::jsonb, \(actor),
                        extract(epoch FROM clock_timestamp() - now()))
                RETURNING id, number
                """)[0]
            let id: Int = try stored.decode("id")
            try connection.query(
                """
                INSERT INTO chief_results (run_id, employee_number, department_code, rank, composite, flagged, bottom, action, result)
                SELECT \(id), r.result ->> 'employeeNumber', r.result ->> 'departmentCode', (r.result ->> 'rank')::int,
                       (r.result ->> 'composite')::numeric, jsonb_array_length(r.result -> 'flags') > 0, (r.result ->> 'bottom')::bool,
                       r.result ->> 'action', r.result
                FROM jsonb_array_elements(\(results)::jsonb) AS r(result)
                """)
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "score", subject: "appraisal \(year)",
                    afterJSON: AuditLog.json(["run": id, "chiefs": scores.count, "flagged": scores.filter(\.flagged).count])),
                on: connection)
            return ScoringRun(
                id: id, year: year, number: try stored.decode("number"), isNew: true, official: false, inputs: gathered.counts, scores: scores,
                notes: gathered.notes)
        }
    }

    /// A stored run (the year's latest when `runID` is nil), as it may be shown: small cells
    /// withheld (`ChiefScore.disclosed`).
    public func run(year: Int, runID: Int? = nil) async throws -> ScoringRun {
        try await pool.withConnection { connection in
            guard
                let row = try connection.query(
                    """
                    SELECT r.id, r.number, r.fingerprint, r.inputs::text AS inputs, y.official_run_id = r.id AS official
                    FROM scoring_runs r JOIN appraisal_years y ON y.year = r.year
                    WHERE r.year = \(year) AND (\(runID)::bigint IS NULL OR r.id = \(runID))
                    ORDER BY r.id DESC LIMIT 1
                    """
                ).first
            else { throw AppraisalError.noRun(year) }
            let id: Int = try row.decode("id")
            let scores = try RunCache.scores(run: id, fingerprint: try row.decode("fingerprint")) {
                try connection.query("SELECT result::text AS result FROM chief_results WHERE run_id = \(id)")
                    .map { try ScoringStore.chiefScore($0).disclosed }
                    .sorted(by: Scoring.order)
            }
            let inputs = try JSONDecoder().decode([String: Int].self, from: Data(try row.decode("inputs", as: String.self).utf8))
            return ScoringRun(
                id: id, year: year, number: try row.decode("number"), isNew: false, official: try row.decode("official", as: Bool?.self) ?? false,
                inputs: inputs, scores: scores, notes: [])
        }
    }

    /// Publishes `year`: the run (the latest when nil) becomes official, the year is frozen, and
    /// each flagged chief gets a follow-up due `dueDays` after today. Returns the follow-ups made.
    public func publish(year: Int, runID: Int? = nil, actor: String, now: Date = Date()) async throws -> (run: Int, followUps: Int) {
        try await pool.transaction { connection in
            guard
                let appraisal = try connection.query(
                    "SELECT policy_yaml, policy_sha256, published_at IS NOT NULL AS published FROM appraisal_years WHERE year = \(year) FOR UPDATE"
                ).first
            else { throw AppraisalError.notFound(year) }
            if try appraisal.decode("published", as: Bool.self) { throw AppraisalError.published(year) }
            let policy = try PolicyCache.policy(sha256: try appraisal.decode("policy_sha256"), text: try appraisal.decode("policy_yaml"), year: year)
            try ScoringStore.refuseOpenCampaigns(year: year, on: connection)
            guard let latest: Int = try connection.query("SELECT max(id) AS id FROM scoring_runs WHERE year = \(year)").first?.decode("id")
            else { throw AppraisalError.noRun(year) }
            let run = runID ?? latest
            guard try connection.query("SELECT 1 FROM scoring_runs WHERE id = \(run) AND year = \(year)").count == 1 else {
                throw AppraisalError.noRun(year)
            }
            guard run == latest else { throw AppraisalError.notLatestRun(year: year, run: run, latest: latest) }
            let ranked: Int = try connection.query("SELECT count(*) AS n FROM chief_results WHERE run_id = \(run) AND rank IS NOT NULL")[0].decode(
                "n")
            guard ranked > 0 else { throw AppraisalError.nobodyRanked(year: year, run: run) }
            try connection.query("UPDATE appraisal_years SET official_run_id = \(run), published_at = now() WHERE year = \(year)")
            let flagged = try connection.query("SELECT result::text AS result FROM chief_results WHERE run_id = \(run) AND flagged")
                .map(ScoringStore.chiefScore)
            let plan = FollowUpPlan.make(scores: flagged, policy: policy, publishedOn: CountyCalendar.today(now))
            try connection.query(
                """
                INSERT INTO follow_ups (year, run_id, employee_number, action, reason, due_on)
                SELECT \(year), \(run), p.employee_number, p.action, p.reason, p.due_on::date
                FROM unnest(\(plan.map(\.employeeNumber))::text[], \(plan.map(\.action.rawValue))::text[],
                            \(plan.map(\.reason))::text[], \(plan.map(\.dueOn.description))::text[]) AS p(employee_number, action, reason, due_on)
                """)
            let made = plan.count
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "appraisal.publish", subject: "appraisal \(year)",
                    afterJSON: AuditLog.json(["officialRun": run, "followUps": made])),
                on: connection)
            return (run, made)
        }
    }

    /// Takes a published year back to scored: it is no longer frozen and has no official run; its
    /// runs stay stored as history; its follow-ups are kept, marked withdrawn with the reason.
    /// Returns the follow-ups withdrawn.
    public func unpublish(year: Int, reason: String, actor: String) async throws -> Int {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else { throw AppraisalError.reasonRequired }
        return try await pool.transaction { connection in
            guard
                let row = try connection.query(
                    "SELECT official_run_id FROM appraisal_years WHERE year = \(year) FOR UPDATE"
                ).first
            else { throw AppraisalError.notFound(year) }
            guard let run: Int = try row.decode("official_run_id") else { throw AppraisalError.notPublished(year) }
            let withdrawn = try connection.query(
                """
                UPDATE follow_ups SET status = 'withdrawn', recorded_by = \(actor), recorded_at = now(),
                       outcome = left(coalesce(outcome || '；', '') || '撤销发布：' || \(reason), 2000)
                WHERE year = \(year) AND status <> 'withdrawn'
                """
            ).affectedRows
            try connection.query(
                """
                INSERT INTO follow_up_records (follow_up_id, status, note, recorded_by)
                SELECT id, 'withdrawn', left('撤销发布：' || \(reason), 2000), \(actor) FROM follow_ups
                WHERE year = \(year) AND status = 'withdrawn' AND recorded_at = now()
                """)
            try connection.query("UPDATE appraisal_years SET official_run_id = NULL, published_at = NULL WHERE year = \(year)")
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "appraisal.unpublish", subject: "appraisal \(year)",
                    beforeJSON: AuditLog.json(["officialRun": run]),
                    afterJSON: AuditLog.json(["reason": reason, "followUpsWithdrawn": "\(withdrawn)"])),
                on: connection)
            return withdrawn
        }
    }

    /// Throws `AppraisalError.campaignsOpen` naming the year's open campaigns, if any.
    static func refuseOpenCampaigns(year: Int, on connection: Connection) throws {
        let open = try connection.query("SELECT id, kind FROM campaigns WHERE year = \(year) AND state = 'open' ORDER BY id").map { row in
            let kind = CampaignKind(rawValue: try row.decode("kind", as: String.self))?.label ?? ""
            return "活动 \(try row.decode("id", as: Int.self))「\(kind)」"
        }
        guard open.isEmpty else { throw AppraisalError.campaignsOpen(year: year, campaigns: open) }
    }

    struct Gathered {
        var input: ScoringInput
        var counts: [String: Int]
        var notes: [String]
        var merchantTemplateSHA: String?
        var starTemplateSHA: String?
    }

    /// Reads everything the year's scoring needs, with the heavy counting done by SQL.
    static func gather(year: Int, policy: ScoringPolicy, on connection: Connection) throws -> Gathered {
        var notes: [String] = []
        var counts: [String: Int] = [:]
        let campaigns = try connection.query("SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE year = \(year)")
            .map(CampaignStore.decode)
        let merchant = campaigns.first { $0.kind == .merchantReview }
        let star = campaigns.first { $0.kind == .starRating }
        for campaign in campaigns where campaign.state == .open || campaign.state == .draft {
            notes.append("活动 \(campaign.id)「\(campaign.kind.label)」尚未结束：其选票在结束并计票后才计入")
        }
        if merchant == nil { notes.append("\(year) 年度没有客商评议活动") }
        if star == nil { notes.append("\(year) 年度没有评星定级活动") }
        let overall = merchant?.template.overallQuestion
        // One GROUP BY pass over the grades, joined to every chief in post.
        let rows = try connection.query(
            """
            SELECT c.employee_number, c.name, d.code AS department_code, d.name AS department_name, s.name AS section, c.position,
                   g.option, g.n
            FROM chiefs c
            JOIN sections s ON s.id = c.section_id
            JOIN departments d ON d.code = s.department_code
            LEFT JOIN (
                SELECT employee_number, option, count(*) AS n FROM chief_grades
                WHERE campaign_id = \(merchant?.id ?? -1) AND question = \(overall?.id ?? "")
                GROUP BY employee_number, option
            ) g ON g.employee_number = c.employee_number
            WHERE c.active AND d.active
            ORDER BY c.employee_number
            """)
        var tallies: [ChiefTally] = []
        var answers = 0
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
                answers += n
            }
        }
        counts["chiefs"] = tallies.count
        counts["grades"] = answers
        counts["merchantBallots"] = try connection.query("SELECT count(*) AS n FROM ballots WHERE campaign_id = \(merchant?.id ?? -1)")[0].decode("n")
        // One GROUP BY pass over the stars.
        var stars: [String: DepartmentStars] = [:]
        for row in try connection.query(
            """
            SELECT department_code, question, avg(stars)::float8 AS mean, count(*) AS n FROM department_stars
            WHERE campaign_id = \(star?.id ?? -1) GROUP BY department_code, question
            """
        ).rows {
            let code: String = try row.decode("department_code")
            let question: String = try row.decode("question")
            var entry = stars[code] ?? DepartmentStars(meanByPoint: [:], countByPoint: [:])
            entry.meanByPoint[question] = try row.decode("mean")
            entry.countByPoint[question] = try row.decode("n")
            stars[code] = entry
        }
        counts["starBallots"] = try connection.query("SELECT count(*) AS n FROM ballots WHERE campaign_id = \(star?.id ?? -1)")[0].decode("n")
        var departmentAssessments: [String: AssessmentScores] = [:]
        var chiefAssessments: [String: AssessmentScores] = [:]
        for row in try connection.query(
            """
            SELECT department_code, employee_number, leadership::float8 AS l, publicity::float8 AS p,
                   implementation::float8 AS i, highlights::float8 AS h
            FROM assessments WHERE year = \(year)
            """
        ).rows {
            let scores = AssessmentScores(
                leadership: try row.decode("l"), publicity: try row.decode("p"), implementation: try row.decode("i"), highlights: try row.decode("h"))
            if let code: String = try row.decode("department_code") { departmentAssessments[code] = scores }
            if let number: String = try row.decode("employee_number") { chiefAssessments[number] = scores }
        }
        counts["assessments"] = departmentAssessments.count + chiefAssessments.count
        if departmentAssessments.isEmpty && chiefAssessments.isEmpty { notes.append("\(year) 年度还没有导入目标责任考核") }
        let history = try ScoringStore.history(before: year, on: connection)
        let input = ScoringInput(
            year: year, policy: policy, options: overall?.options ?? [], tallies: tallies, stars: stars,
            departmentAssessments: departmentAssessments, chiefAssessments: chiefAssessments, history: history)
        return Gathered(
            input: input, counts: counts, notes: notes, merchantTemplateSHA: merchant?.templateSHA256, starTemplateSHA: star?.templateSHA256)
    }

    /// Earlier years' flags and bottom places, from their official runs only.
    static func history(before year: Int, on connection: Connection) throws -> [String: ChiefHistory] {
        var history: [String: ChiefHistory] = [:]
        for row in try connection.query(
            """
            SELECT r.year, cr.employee_number, cr.flagged, cr.bottom
            FROM appraisal_years y JOIN scoring_runs r ON r.id = y.official_run_id JOIN chief_results cr ON cr.run_id = r.id
            WHERE y.year < \(year)
            """
        ).rows {
            let number: String = try row.decode("employee_number")
            let earlier: Int = try row.decode("year")
            history[number, default: ChiefHistory()].flagged[earlier] = try row.decode("flagged")
            history[number, default: ChiefHistory()].bottom[earlier] = try row.decode("bottom")
        }
        return history
    }

    /// HR's lists of a published year, from its official run.
    /// Records that `actor` took the published year's personnel list away (HR's copy): the
    /// workbench's last step, 导出与通报, is done once this happened after the publication.
    public func recordPersonnelExport(year: Int, run: Int, format: String, actor: String) async throws {
        try await pool.withConnection { connection in
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "export.personnel", subject: "appraisal \(year)",
                    afterJSON: AuditLog.json(["run": "\(run)", "format": format])),
                on: connection)
        }
    }

    public func personnel(year: Int) async throws -> (run: Int, rows: [PersonnelRow]) {
        let official = try await run(year: year, officialOnly: true)
        let rows = try await pool.withConnection { connection in
            let row = try connection.query("SELECT policy_yaml, policy_sha256 FROM appraisal_years WHERE year = \(year)")[0]
            let policy = try PolicyCache.policy(sha256: try row.decode("policy_sha256"), text: try row.decode("policy_yaml"), year: year)
            var rows = PersonnelList.make(
                year: year, scores: official.scores, history: try ScoringStore.history(before: year, on: connection), rules: policy.personnel)
            // 任职日期 from the roster, of the listed chiefs only (HR's list shows it).
            let numbers = rows.map(\.score.employeeNumber)
            let starts = Dictionary(
                try connection.query(
                    "SELECT employee_number, start_date::text AS start FROM chiefs WHERE start_date IS NOT NULL AND employee_number = ANY(\(numbers)::text[])"
                ).map { (try $0.decode("employee_number", as: String.self), try $0.decode("start", as: String.self)) },
                uniquingKeysWith: { first, _ in first })
            for index in rows.indices { rows[index].startDate = starts[rows[index].score.employeeNumber].flatMap(CivilDate.init(parsing:)) }
            return rows
        }
        return (official.id, rows)
    }

    /// The year's official run; `AppraisalError.notPublished` when there is none yet.
    public func run(year: Int, officialOnly: Bool) async throws -> ScoringRun {
        guard officialOnly else { return try await run(year: year) }
        let official: Int? = try await pool.withConnection { connection in
            guard let row = try connection.query("SELECT official_run_id FROM appraisal_years WHERE year = \(year)").first else {
                throw AppraisalError.notFound(year)
            }
            return try row.decode("official_run_id")
        }
        guard let official else { throw AppraisalError.notPublished(year) }
        return try await run(year: year, runID: official)
    }

    /// The years that have a scoring run, newest first, and whether each is published.
    public func scoredYears() async throws -> [(year: Int, published: Bool)] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT y.year, y.official_run_id IS NOT NULL AS published FROM appraisal_years y
                WHERE EXISTS (SELECT 1 FROM scoring_runs r WHERE r.year = y.year) ORDER BY y.year DESC
                """
            ).map { (try $0.decode("year"), try $0.decode("published")) }
        }
    }

    /// The run the console shows for a year: the official one, else the latest.
    public func shownRun(year: Int) async throws -> ScoringRun {
        do {
            return try await run(year: year, officialOnly: true)
        } catch AppraisalError.notPublished {
            return try await run(year: year)
        }
    }

    /// Every published year's result of one chief, oldest first (small cells withheld).
    public func chiefYears(employeeNumber: String) async throws -> [(year: Int, run: Int, score: ChiefScore)] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT y.year, cr.run_id, cr.result::text AS result FROM appraisal_years y
                JOIN chief_results cr ON cr.run_id = y.official_run_id
                WHERE cr.employee_number = \(employeeNumber) ORDER BY y.year
                """
            ).map { row in (try row.decode("year"), try row.decode("run_id"), try ScoringStore.chiefScore(row).disclosed) }
        }
    }

    /// One chief's result in the year's latest run, or `nil` (no run, or not in it); small cells withheld.
    public func latestResult(year: Int, employeeNumber: String) async throws -> ChiefScore? {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT cr.result::text AS result FROM chief_results cr
                WHERE cr.employee_number = \(employeeNumber)
                  AND cr.run_id = (SELECT max(id) FROM scoring_runs WHERE year = \(year))
                """
            ).first.map { try ScoringStore.chiefScore($0).disclosed }
        }
    }

    /// Per department: star rating, assessment, mean composite of its chiefs, and — unless
    /// `responseRates` is false — its invitations and answers (a count over every invitation of
    /// the year, 1.2 million department rows at a province's size: pages that do not show the
    /// rates leave it out, and their `invited` and `responded` are 0).
    public func departments(year: Int, run: ScoringRun, responseRates: Bool = true) async throws -> [DepartmentResult] {
        let byDepartment = Dictionary(grouping: run.scores, by: \.departmentCode)
        let rows = try await pool.withConnection { connection in
            guard responseRates else {
                return try connection.query("SELECT code, name FROM departments WHERE active ORDER BY code").map { row in
                    (try row.decode("code", as: String.self), try row.decode("name", as: String.self), 0, 0)
                }
            }
            return try connection.query(
                """
                SELECT d.code, d.name,
                       count(i.id) FILTER (WHERE i.revoked_at IS NULL) AS invited,
                       count(i.id) FILTER (WHERE i.used_on IS NOT NULL) AS responded
                FROM departments d
                LEFT JOIN invitation_departments x ON x.department_code = d.code
                LEFT JOIN invitations i ON i.id = x.invitation_id
                     AND i.campaign_id IN (SELECT id FROM campaigns WHERE year = \(year) AND kind = 'merchantReview')
                WHERE d.active
                GROUP BY d.code, d.name ORDER BY d.code
                """
            ).map { row in
                (
                    try row.decode("code", as: String.self), try row.decode("name", as: String.self),
                    try row.decode("invited", as: Int.self), try row.decode("responded", as: Int.self)
                )
            }
        }
        return rows.map { code, name, invited, responded in
            DepartmentResult.make(code: code, name: name, chiefs: byDepartment[code] ?? [], invited: invited, responded: responded)
        }
    }

    /// A chief's stored result: the `result` column (as text) of a `chief_results` row.
    static func chiefScore(_ row: Row) throws -> ChiefScore {
        try JSONDecoder().decode(ChiefScore.self, from: Data(try row.decode("result", as: String.self).utf8))
    }

    /// SHA-256 of every input, serialised with sorted keys.
    static func fingerprint(_ input: ScoringInput) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return SHA256.hash(data: try encoder.encode(input)).hex
    }
}
