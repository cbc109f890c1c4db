import Foundation
import PingyiCore
import PingyiPostgres

/// Reads stored scoring runs: a run with its chiefs' results (small cells withheld), the
/// official run of a published year, HR's lists, a chief's years, the departments' results and
/// the runs' durations. Runs never change once stored; `ScoringStore` writes them.
public struct ScoringResultsStore: Sendable {
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
                    .map { try ScoringResultsStore.chiefScore($0).disclosed }
                    .sorted(by: Scoring.order)
            }
            let inputs = try JSONDecoder().decode([String: Int].self, from: Data(try row.decode("inputs", as: String.self).utf8))
            return ScoringRun(
                id: id, year: year, number: try row.decode("number"), isNew: false, official: try row.decode("official", as: Bool?.self) ?? false,
                inputs: inputs, scores: scores, notes: [])
        }
    }

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

    /// HR's lists of a published year, from its official run.
    public func personnel(year: Int) async throws -> (run: Int, rows: [PersonnelRow]) {
        let official = try await run(year: year, officialOnly: true)
        let rows = try await pool.withConnection { connection in
            let row = try connection.query("SELECT policy_yaml, policy_sha256 FROM appraisal_years WHERE year = \(year)")[0]
            let policy = try PolicyCache.policy(sha256: try row.decode("policy_sha256"), text: try row.decode("policy_yaml"), year: year)
            var rows = PersonnelList.make(
                year: year, scores: official.scores, history: try ScoringResultsStore.history(before: year, on: connection), rules: policy.personnel)
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
            ).map { row in (try row.decode("year"), try row.decode("run_id"), try ScoringResultsStore.chiefScore(row).disclosed) }
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
            ).first.map { try ScoringResultsStore.chiefScore($0).disclosed }
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

}
