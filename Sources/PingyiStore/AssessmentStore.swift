import Foundation
import PingyiCore
import PingyiPostgres

/// The year-end assessment: imported per department or per chief, read by the scoring.
public struct AssessmentStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Imports an assessment file for `year`: every department and chief must exist, the year
    /// must exist and not be published; all rows are upserted in one transaction or none.
    public func importAssessment(_ parse: ImportParse<AssessmentRow>, year: Int, actor: String, dryRun: Bool = false) async throws -> ImportSummary {
        let rows = parse.rows  // checked against the database too, then refused with the file's own problems
        let file = parse.file
        return try await ImportTransaction.run(on: pool, dryRun: dryRun) { connection in
            guard let state = try connection.query("SELECT published_at IS NOT NULL AS published FROM appraisal_years WHERE year = \(year)").first
            else { throw CampaignError.yearNotFound(year) }
            if try state.decode("published", as: Bool.self) { throw AppraisalError.published(year) }
            var departments: [String] = []
            var chiefs: [String] = []
            for row in rows {
                switch row.value.target {
                case .department(let code): departments.append(code)
                case .chief(let number): chiefs.append(number)
                }
            }
            let unknownDepartments = try RosterStore.missing(departments, in: "departments", column: "code", on: connection)
            let unknownChiefs = try RosterStore.missing(chiefs, in: "chiefs", column: "employee_number", on: connection)
            var issues: [FileIssue] = []
            for row in rows {
                switch row.value.target {
                case .department(let code) where unknownDepartments.contains(code):
                    issues.append(FileIssue(file: file, line: row.line, column: "部门代码", message: "未知部门「\(code)」"))
                case .chief(let number) where unknownChiefs.contains(number):
                    issues.append(FileIssue(file: file, line: row.line, column: "工号", message: "未知股室长「\(number)」"))
                default: break
                }
            }
            try parse.requireValid(adding: issues)
            var inserted = 0
            var updated = 0
            var unchanged = 0
            for row in rows.map(\.value) {
                let department: String? = if case .department(let code) = row.target { code } else { nil }
                let chief: String? = if case .chief(let number) = row.target { number } else { nil }
                let scores = row.scores
                let existing = try connection.query(
                    """
                    SELECT leadership::float8 AS l, publicity::float8 AS p, implementation::float8 AS i, highlights::float8 AS h, note
                    FROM assessments WHERE year = \(year)
                      AND department_code IS NOT DISTINCT FROM \(department) AND employee_number IS NOT DISTINCT FROM \(chief)
                    """
                ).first
                if let existing {
                    let same =
                        try existing.decode("l", as: Double.self) == scores.leadership && existing.decode("p", as: Double.self) == scores.publicity
                        && existing.decode("i", as: Double.self) == scores.implementation
                        && existing.decode("h", as: Double.self) == scores.highlights
                        && existing.decode("note", as: String?.self) == row.note
                    if same {
                        unchanged += 1
                        continue
                    }
                    try connection.query(
                        """
                        UPDATE assessments SET leadership = \(scores.leadership), publicity = \(scores.publicity),
                               implementation = \(scores.implementation), highlights = \(scores.highlights), note = \(row.note)
                        WHERE year = \(year) AND department_code IS NOT DISTINCT FROM \(department)
                          AND employee_number IS NOT DISTINCT FROM \(chief)
                        """)
                    updated += 1
                } else {
                    try connection.query(
                        """
                        INSERT INTO assessments (year, department_code, employee_number, leadership, publicity, implementation, highlights, note)
                        VALUES (\(year), \(department), \(chief), \(scores.leadership), \(scores.publicity), \(scores.implementation),
                                \(scores.highlights), \(row.note))
                        """)
                    inserted += 1
                }
            }
            let summary = ImportSummary(file: file, counts: [ImportCount(entity: "目标考核", inserted: inserted, updated: updated, unchanged: unchanged)])
            try AuditLog.record(
                AuditEntry(actor: actor, action: "import.assessment", subject: "\(file) (\(year))", afterJSON: AuditLog.json(summary)),
                on: connection)
            return summary
        }
    }
}
