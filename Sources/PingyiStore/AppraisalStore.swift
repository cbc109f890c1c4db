import Foundation
import PingyiCore
import PingyiPostgres

/// Appraisal years and their policies.
public struct AppraisalStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Creates a year with its policy (validated; text and SHA-256 stored as given).
    public func create(year: Int, title: String, policyText: String, policyFile: String, actor: String) async throws -> AppraisalYear {
        let policy = try ScoringPolicy.parse(policyText, file: policyFile)
        let sha = SurveyTemplate.sha256(of: policyText)
        let year = try AppraisalYearNumber(year).value
        return try await pool.transaction { connection in
            do {
                try connection.query(
                    """
                    INSERT INTO appraisal_years (year, title, policy_yaml, policy_sha256)
                    VALUES (\(year), \(title), \(policyText), \(sha))
                    """)
            } catch let error as PostgresError where error.code == .uniqueViolation {
                throw AppraisalError.exists(year)
            }
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "appraisal.create", subject: "appraisal \(year)",
                    afterJSON: AuditLog.json(["title": title, "policySHA256": sha])),
                on: connection)
            return AppraisalYear(year: year, title: title, policy: policy, policySHA256: sha)
        }
    }

    /// Replaces the policy of a year not yet published (validated; text and SHA-256 stored).
    /// Earlier scoring runs keep the policy checksum they were made with.
    public func replacePolicy(year: Int, policyText: String, policyFile: String, actor: String) async throws -> AppraisalYear {
        let policy = try ScoringPolicy.parse(policyText, file: policyFile)
        let sha = SurveyTemplate.sha256(of: policyText)
        return try await pool.transaction { connection in
            let row = try AppraisalStore.lockYear(year, on: connection)
            try row.refuseIfPublished()
            let before = try row.policySHA256
            try connection.query("UPDATE appraisal_years SET policy_yaml = \(policyText), policy_sha256 = \(sha) WHERE year = \(year)")
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "appraisal.policy", subject: "appraisal \(year)",
                    beforeJSON: AuditLog.json(["policySHA256": before ?? ""]), afterJSON: AuditLog.json(["policySHA256": sha])),
                on: connection)
            return AppraisalYear(year: year, title: try row.title, policy: policy, policySHA256: sha)
        }
    }

    /// One year, if it exists.
    public func find(year: Int) async throws -> AppraisalYear? {
        try await pool.withConnection { connection in
            try connection.query("SELECT year, title, policy_yaml, policy_sha256 FROM appraisal_years WHERE year = \(year)")
                .first.map(AppraisalStore.decode)
        }
    }

    /// Every year with its campaigns and response rates, newest first.
    public func overview() async throws -> [AppraisalOverview] {
        try await pool.withConnection { connection in
            var years = try connection.query(
                "SELECT year, title, published_at IS NOT NULL AS published, official_run_id FROM appraisal_years ORDER BY year DESC"
            ).map { row in
                AppraisalOverview(
                    year: try row.decode("year"), title: try row.decode("title"), published: try row.decode("published"),
                    officialRun: try row.decode("official_run_id"), campaigns: [])
            }
            let lines = try connection.query(
                """
                SELECT c.id, c.year, c.kind, c.state,
                       count(i.id) FILTER (WHERE i.revoked_at IS NULL) AS invited,
                       count(i.id) FILTER (WHERE i.used_on IS NOT NULL) AS responded
                FROM campaigns c LEFT JOIN invitations i ON i.campaign_id = c.id
                GROUP BY c.id ORDER BY c.year DESC, c.kind DESC
                """)
            for row in lines.rows {
                let year: Int = try row.decode("year")
                guard let index = years.firstIndex(where: { $0.year == year }),
                    let kind = CampaignKind(rawValue: try row.decode("kind")), let state = CampaignState(rawValue: try row.decode("state"))
                else { continue }
                years[index].campaigns.append(
                    .init(
                        id: try row.decode("id"), kind: kind, state: state, invited: try row.decode("invited"), responded: try row.decode("responded")
                    ))
            }
            return years
        }
    }

    /// What the year's workbench is drawn from (`YearSteps`), in one round trip; `nil` for an
    /// unknown year.
    public func facts(year: Int) async throws -> YearFacts? {
        try await pool.withConnection { connection -> YearFacts? in
            guard
                let row = try connection.query(
                    """
                    SELECT y.published_at IS NOT NULL AS published, y.policy_yaml, y.policy_sha256,
                           (SELECT max(r.id) FROM scoring_runs r WHERE r.year = y.year) AS latest,
                           (SELECT max(r.number) FROM scoring_runs r WHERE r.year = y.year) AS latest_number,
                           (SELECT count(*) FROM chief_results cr WHERE cr.rank IS NOT NULL
                            AND cr.run_id = (SELECT max(r.id) FROM scoring_runs r WHERE r.year = y.year)) AS latest_ranked,
                           (SELECT count(*) FROM chiefs c JOIN sections s ON s.id = c.section_id JOIN departments d ON d.code = s.department_code
                            WHERE c.active AND s.active AND d.active) AS chiefs,
                           (SELECT count(DISTINCT credit_code) FROM merchant_dealings WHERE year = y.year) AS merchants,
                           (SELECT count(*) FROM supervisors WHERE active) AS supervisors,
                           (SELECT count(DISTINCT coalesce(a.department_code, s.department_code)) FROM assessments a
                            LEFT JOIN chiefs c ON c.employee_number = a.employee_number LEFT JOIN sections s ON s.id = c.section_id
                            WHERE a.year = y.year) AS assessed,
                           EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'export.personnel' AND l.subject = 'appraisal ' || y.year
                                   AND l.at >= y.published_at) AS exported
                    FROM appraisal_years y WHERE y.year = \(year)
                    """
                ).first
            else { return nil }
            let campaigns = try connection.query(
                """
                SELECT c.id, c.kind, c.state, c.opens_at, c.closes_at, c.closed_at,
                       (c.state = 'closed' AND c.tally IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM tally_records r WHERE r.campaign_id = c.id)) AS awaiting,
                       count(i.id) FILTER (WHERE i.revoked_at IS NULL) AS issued, count(i.id) FILTER (WHERE i.used_on IS NOT NULL) AS used
                FROM campaigns c LEFT JOIN invitations i ON i.campaign_id = c.id
                WHERE c.year = \(year) GROUP BY c.id ORDER BY c.kind DESC
                """
            ).rows.compactMap { row -> YearFacts.CampaignFact? in
                guard let kind = CampaignKind(rawValue: try row.decode("kind")), let state = CampaignState(rawValue: try row.decode("state")) else {
                    return nil
                }
                var fact = YearFacts.CampaignFact(
                    id: try row.decode("id"), kind: kind, state: state, issued: try row.decode("issued"), used: try row.decode("used"),
                    opensAt: try row.decode("opens_at"), closesAt: try row.decode("closes_at"), closedAt: try row.decode("closed_at"))
                fact.awaitingCount = try row.decode("awaiting")
                return fact
            }
            let latest: Int? = try row.decode("latest")
            let policy = try PolicyCache.policy(sha256: try row.decode("policy_sha256"), text: try row.decode("policy_yaml"), year: year)
            return YearFacts(
                year: year, chiefs: try row.decode("chiefs"), merchants: try row.decode("merchants"), supervisors: try row.decode("supervisors"),
                campaigns: campaigns, assessedDepartments: try row.decode("assessed"), latestRun: latest,
                latestRunNumber: try row.decode("latest_number"),
                published: try row.decode("published"), latestRanked: latest == nil ? nil : try row.decode("latest_ranked"),
                minBallots: policy.minBallots, exported: try row.decode("exported"))
        }
    }

    /// Every year, newest first.
    public func list() async throws -> [AppraisalYear] {
        try await pool.withConnection { connection in
            try connection.query("SELECT year, title, policy_yaml, policy_sha256 FROM appraisal_years ORDER BY year DESC")
                .map(AppraisalStore.decode)
        }
    }

    /// Where each year stands: its latest and official runs and the day it was published
    /// (China Standard Time), newest year first.
    public func standing() async throws -> [Int: (latestRun: Int?, officialRun: Int?, publishedOn: String?)] {
        try await pool.withConnection { connection in
            var result: [Int: (latestRun: Int?, officialRun: Int?, publishedOn: String?)] = [:]
            for row in try connection.query(
                """
                SELECT y.year, (SELECT max(r.id) FROM scoring_runs r WHERE r.year = y.year) AS latest, y.official_run_id,
                       to_char(y.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS published_on
                FROM appraisal_years y
                """
            ).rows {
                result[try row.decode("year")] = (try row.decode("latest"), try row.decode("official_run_id"), try row.decode("published_on"))
            }
            return result
        }
    }

    /// Locks the year's row until the transaction ends (`SELECT … FOR UPDATE`) and returns it:
    /// publishing, unpublishing and replacing the policy decide on it and change it with nobody
    /// changing it meanwhile (a new scoring run locks the same row: `sql/0022_run_numbers.sql`).
    /// Throws `AppraisalError.notFound` for an unknown year.
    static func lockYear(_ year: Int, on connection: Connection) throws -> AppraisalYearRow {
        try yearRow(year, forUpdate: true, on: connection)
    }

    /// The year's row as the transaction sees it, without a lock (scoring reads it in its
    /// repeatable-read snapshot). Throws `AppraisalError.notFound` for an unknown year.
    static func readYear(_ year: Int, on connection: Connection) throws -> AppraisalYearRow {
        try yearRow(year, forUpdate: false, on: connection)
    }

    private static func yearRow(_ year: Int, forUpdate: Bool, on connection: Connection) throws -> AppraisalYearRow {
        guard
            let row = try connection.query(
                """
                SELECT title, policy_yaml, policy_sha256, published_at IS NOT NULL AS published, official_run_id
                FROM appraisal_years WHERE year = \(year) \(unescaped: forUpdate ? "FOR UPDATE" : "")
                """
            ).first
        else { throw AppraisalError.notFound(year) }
        return AppraisalYearRow(year: year, row: row)
    }

    static func decode(_ row: Row) throws -> AppraisalYear {
        let year: Int = try row.decode("year")
        let text: String = try row.decode("policy_yaml")
        return AppraisalYear(
            year: year, title: try row.decode("title"),
            policy: try PolicyCache.policy(sha256: try row.decode("policy_sha256"), text: text, year: year),
            policySHA256: try row.decode("policy_sha256"))
    }
}
