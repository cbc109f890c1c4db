import Foundation
import PingyiCore
import PingyiPostgres

/// Rosters in and out of the database: departments, sections, chiefs, merchants, dealings and
/// supervisors. Every import checks what only the database knows (unknown departments and
/// merchants, a department name taken by another code), then writes all rows in one
/// transaction or none, upserting by natural key, and audit-logs the summary.
public struct RosterStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Imports a roster file (departments, sections and chiefs).
    public func importRoster(_ parse: ImportParse<RosterRow>, actor: String, dryRun: Bool = false) async throws -> ImportSummary {
        // The rows that read are checked against the database even when others did not: every
        // problem of the file is reported in one pass.
        let rows = parse.rows
        let file = parse.file
        return try await ImportTransaction.run(on: pool, dryRun: dryRun) { connection in
            try parse.requireValid(adding: try RosterStore.departmentNameIssues(rows, file: file, on: connection))
            var departments: [String: String] = [:]
            var sections = Set<Section>()
            for row in rows {
                departments[row.value.department.code] = row.value.department.name
                sections.insert(row.value.chief.section)
            }
            let departmentCodes = departments.keys.sorted()
            let departmentResult = try connection.query(
                """
                INSERT INTO departments (code, name)
                SELECT * FROM unnest(\(departmentCodes)::text[], \(departmentCodes.map { departments[$0]! })::text[])
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
                WHERE departments.name IS DISTINCT FROM EXCLUDED.name
                RETURNING (xmax = 0) AS inserted
                """)
            let sectionList = sections.sorted { ($0.departmentCode, $0.name) < ($1.departmentCode, $1.name) }
            let sectionResult = try connection.query(
                """
                INSERT INTO sections (department_code, name)
                SELECT * FROM unnest(\(sectionList.map(\.departmentCode))::text[], \(sectionList.map(\.name))::text[])
                ON CONFLICT (department_code, name) DO NOTHING
                RETURNING true AS inserted
                """)
            let chiefs = rows.map(\.value.chief)
            let chiefResult = try connection.query(
                """
                INSERT INTO chiefs (employee_number, name, section_id, position, active, start_date)
                SELECT c.employee_number, c.name, s.id, c.position, c.active, c.start_date::date
                FROM unnest(\(chiefs.map(\.employeeNumber))::text[], \(chiefs.map(\.name))::text[],
                            \(chiefs.map(\.section.departmentCode))::text[], \(chiefs.map(\.section.name))::text[],
                            \(chiefs.map(\.position))::text[], \(chiefs.map(\.active))::bool[],
                            \(PostgresNullableArray(chiefs.map { $0.startDate?.description }))::text[])
                     AS c(employee_number, name, department_code, section, position, active, start_date)
                JOIN sections s ON s.department_code = c.department_code AND s.name = c.section
                ON CONFLICT (employee_number) DO UPDATE
                SET name = EXCLUDED.name, section_id = EXCLUDED.section_id, position = EXCLUDED.position,
                    active = EXCLUDED.active, start_date = EXCLUDED.start_date, updated_at = now()
                WHERE (chiefs.name, chiefs.section_id, chiefs.position, chiefs.active, chiefs.start_date)
                      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.section_id, EXCLUDED.position, EXCLUDED.active, EXCLUDED.start_date)
                RETURNING (xmax = 0) AS inserted
                """)
            let summary = ImportSummary(
                file: file,
                counts: [
                    try UpsertCounter.count(departmentResult, total: departmentCodes.count, entity: "部门"),
                    try UpsertCounter.count(sectionResult, total: sectionList.count, entity: "股室"),
                    try UpsertCounter.count(chiefResult, total: chiefs.count, entity: "股室长"),
                ])
            try RosterStore.audit(summary, action: "import.roster", actor: actor, on: connection)
            return summary
        }
    }

    /// Imports a merchants file. An optional cell left empty keeps what is stored (a list from
    /// another office often lacks the contacts; an empty cell is no instruction to forget them).
    public func importMerchants(_ parse: ImportParse<Merchant>, actor: String, dryRun: Bool = false) async throws -> ImportSummary {
        let merchants = try parse.validRows().map(\.value)
        let file = parse.file
        return try await ImportTransaction.run(on: pool, dryRun: dryRun) { connection in
            let result = try connection.query(
                """
                INSERT INTO merchants (credit_code, name, industry, contact_person, contact_phone)
                SELECT * FROM unnest(\(merchants.map(\.creditCode.value))::text[], \(merchants.map(\.name))::text[],
                                     \(PostgresNullableArray(merchants.map(\.industry)))::text[],
                                     \(PostgresNullableArray(merchants.map(\.contactPerson)))::text[],
                                     \(PostgresNullableArray(merchants.map(\.contactPhone)))::text[])
                ON CONFLICT (credit_code) DO UPDATE
                SET name = EXCLUDED.name, industry = coalesce(EXCLUDED.industry, merchants.industry),
                    contact_person = coalesce(EXCLUDED.contact_person, merchants.contact_person),
                    contact_phone = coalesce(EXCLUDED.contact_phone, merchants.contact_phone), updated_at = now()
                WHERE (merchants.name, merchants.industry, merchants.contact_person, merchants.contact_phone)
                      IS DISTINCT FROM (EXCLUDED.name, coalesce(EXCLUDED.industry, merchants.industry),
                                        coalesce(EXCLUDED.contact_person, merchants.contact_person),
                                        coalesce(EXCLUDED.contact_phone, merchants.contact_phone))
                RETURNING (xmax = 0) AS inserted
                """)
            let summary = ImportSummary(
                file: file,
                counts: [
                    try UpsertCounter.count(result, total: merchants.count, entity: "企业")
                ])
            try RosterStore.audit(summary, action: "import.merchants", actor: actor, on: connection)
            return summary
        }
    }

    /// Imports a dealings file; every merchant and department must already exist.
    public func importDealings(_ parse: ImportParse<Dealing>, actor: String, dryRun: Bool = false) async throws -> ImportSummary {
        let rows = parse.rows  // checked against the database too, then refused with the file's own problems
        let file = parse.file
        return try await ImportTransaction.run(on: pool, dryRun: dryRun) { connection in
            let dealings = rows.map(\.value)
            let unknownMerchants = try RosterStore.missing(
                Array(Set(dealings.map(\.creditCode.value))), in: "merchants", column: "credit_code", on: connection)
            let unknownDepartments = try RosterStore.missing(
                Array(Set(dealings.map(\.departmentCode))), in: "departments", column: "code", on: connection)
            var issues: [FileIssue] = []
            for row in rows {
                if unknownMerchants.contains(row.value.creditCode.value) {
                    issues.append(
                        FileIssue(
                            file: file, line: row.line, column: "统一社会信用代码",
                            message: "未知企业「\(row.value.creditCode)」（请先导入企业名单）"))
                }
                if unknownDepartments.contains(row.value.departmentCode) {
                    issues.append(
                        FileIssue(
                            file: file, line: row.line, column: "部门代码",
                            message: "未知部门「\(row.value.departmentCode)」（请先导入股室长名册）"))
                }
            }
            try parse.requireValid(adding: issues)
            let result = try connection.query(
                """
                INSERT INTO merchant_dealings (credit_code, year, department_code)
                SELECT * FROM unnest(\(dealings.map(\.creditCode.value))::text[], \(dealings.map(\.year))::int[],
                                     \(dealings.map(\.departmentCode))::text[])
                ON CONFLICT DO NOTHING
                RETURNING true AS inserted
                """)
            let summary = ImportSummary(
                file: file,
                counts: [
                    try UpsertCounter.count(result, total: dealings.count, entity: "办事记录")
                ])
            try RosterStore.audit(summary, action: "import.dealings", actor: actor, on: connection)
            return summary
        }
    }

    /// Imports a supervisors file; an empty 单位 or 电话 keeps what is stored, as for merchants.
    public func importSupervisors(_ parse: ImportParse<Supervisor>, actor: String, dryRun: Bool = false) async throws -> ImportSummary {
        let supervisors = try parse.validRows().map(\.value)
        let file = parse.file
        return try await ImportTransaction.run(on: pool, dryRun: dryRun) { connection in
            let result = try connection.query(
                """
                INSERT INTO supervisors (code, name, category, affiliation, phone, active)
                SELECT * FROM unnest(\(supervisors.map(\.code))::text[], \(supervisors.map(\.name))::text[],
                                     \(supervisors.map(\.category.rawValue))::text[],
                                     \(PostgresNullableArray(supervisors.map(\.affiliation)))::text[],
                                     \(PostgresNullableArray(supervisors.map(\.phone)))::text[],
                                     \(supervisors.map(\.active))::bool[])
                ON CONFLICT (code) DO UPDATE
                SET name = EXCLUDED.name, category = EXCLUDED.category,
                    affiliation = coalesce(EXCLUDED.affiliation, supervisors.affiliation),
                    phone = coalesce(EXCLUDED.phone, supervisors.phone), active = EXCLUDED.active, updated_at = now()
                WHERE (supervisors.name, supervisors.category, supervisors.affiliation, supervisors.phone, supervisors.active)
                      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.category, coalesce(EXCLUDED.affiliation, supervisors.affiliation),
                                        coalesce(EXCLUDED.phone, supervisors.phone), EXCLUDED.active)
                RETURNING (xmax = 0) AS inserted
                """)
            let summary = ImportSummary(
                file: file,
                counts: [
                    try UpsertCounter.count(result, total: supervisors.count, entity: "特约监督员")
                ])
            try RosterStore.audit(summary, action: "import.supervisors", actor: actor, on: connection)
            return summary
        }
    }

    /// The active departments, by code.
    public func departments() async throws -> [Department] {
        try await pool.withConnection { connection in
            try connection.query("SELECT code, name FROM departments WHERE active ORDER BY code").map { row in
                Department(code: try row.decode("code"), name: try row.decode("name"))
            }
        }
    }

    /// What the roster holds.
    public func countySummary() async throws -> CountySummary {
        try await pool.withConnection { connection in
            let departments = try connection.query(
                """
                SELECT d.code, d.name,
                       count(DISTINCT s.id) AS sections,
                       count(c.employee_number) FILTER (WHERE c.active) AS chiefs
                FROM departments d
                LEFT JOIN sections s ON s.department_code = d.code AND s.active
                LEFT JOIN chiefs c ON c.section_id = s.id
                WHERE d.active
                GROUP BY d.code, d.name
                ORDER BY d.code
                """
            ).map { row in
                CountySummary.DepartmentLine(
                    code: try row.decode("code"), name: try row.decode("name"),
                    sections: try row.decode("sections"), chiefs: try row.decode("chiefs"))
            }
            let merchants: Int = try connection.query("SELECT count(*) AS n FROM merchants")[0].decode("n")
            var dealings: [Int: Int] = [:]
            for row in try connection.query("SELECT year, count(*) AS n FROM merchant_dealings GROUP BY year").rows {
                dealings[try row.decode("year")] = try row.decode("n")
            }
            var supervisors: [SupervisorCategory: Int] = [:]
            for row in try connection.query("SELECT category, count(*) AS n FROM supervisors WHERE active GROUP BY category").rows {
                if let category = SupervisorCategory(rawValue: try row.decode("category")) {
                    supervisors[category] = try row.decode("n")
                }
            }
            return CountySummary(
                departments: departments, merchants: merchants, dealingsByYear: dealings, supervisorsByCategory: supervisors)
        }
    }

    /// A department name already used by another code in the database is an issue at its line.
    static func departmentNameIssues(_ rows: [ParsedRow<RosterRow>], file: String, on connection: Connection) throws -> [FileIssue] {
        let names = Array(Set(rows.map(\.value.department.name)))
        var codeOfName: [String: String] = [:]
        for row in try connection.query("SELECT code, name FROM departments WHERE name = ANY(\(names)::text[])").rows {
            codeOfName[try row.decode("name")] = try row.decode("code")
        }
        var issues: [FileIssue] = []
        var reported = Set<String>()
        for row in rows {
            let department = row.value.department
            if let code = codeOfName[department.name], code != department.code, reported.insert(department.name).inserted {
                issues.append(
                    FileIssue(
                        file: file, line: row.line, column: "部门名称",
                        message: "「\(department.name)」已是部门 \(code) 的名称"))
            }
        }
        return issues
    }

    /// The keys of `keys` that have no row in `table`.
    static func missing(_ keys: [String], in table: String, column: String, on connection: Connection) throws -> Set<String> {
        let result = try connection.query(
            """
            SELECT k.key FROM unnest(\(keys)::text[]) AS k(key)
            WHERE NOT EXISTS (SELECT 1 FROM \(identifier: table) t WHERE t.\(identifier: column) = k.key)
            """)
        return Set(try result.map { try $0.decode("key", as: String.self) })
    }

    static func audit(_ summary: ImportSummary, action: String, actor: String, on connection: Connection) throws {
        try AuditLog.record(
            AuditEntry(actor: actor, action: action, subject: summary.file, afterJSON: AuditLog.json(summary)), on: connection)
    }

    /// What the database holds beyond the given keys, described per kind (e.g. 「部门 3 个」):
    /// empty when every department, merchant and supervisor is among them.
    public func foreignKeys(departments: Set<String>, merchants: Set<String>, supervisors: Set<String>) async throws -> [String] {
        try await pool.withConnection { connection in
            let counts: [(String, Int)] = [
                (
                    "部门",
                    try connection.query("SELECT count(*) AS n FROM departments WHERE NOT (code = ANY(\(Array(departments))::text[]))")[0].decode("n")
                ),
                (
                    "企业",
                    try connection.query("SELECT count(*) AS n FROM merchants WHERE NOT (credit_code = ANY(\(Array(merchants))::text[]))")[0].decode(
                        "n")
                ),
                (
                    "特约监督员",
                    try connection.query("SELECT count(*) AS n FROM supervisors WHERE NOT (code = ANY(\(Array(supervisors))::text[]))")[0].decode("n")
                ),
            ]
            return counts.filter { $0.1 > 0 }.map { "\($0.0) \($0.1) 个" }
        }
    }
}
