import Foundation
import PingyiCore
import PingyiPostgres

/// The problem ledger (问题台账): problems, their append-only histories, the working calendars,
/// and the reports. Every step locks the problem's row, checks `ProblemFlow`, updates the row,
/// adds a `problem_steps` row and an audit row, in one transaction; the database's trigger
/// enforces the same succession.
public struct ProblemStore: Sendable {
    let pool: ConnectionPool
    /// The county's today: no step may be dated after it (a test gives its own).
    let today: @Sendable () -> CivilDate

    public init(pool: ConnectionPool, today: @escaping @Sendable () -> CivilDate = { CountyCalendar.today() }) {
        self.pool = pool
        self.today = today
    }

    /// What a list shows.
    public struct Filter: Sendable {
        public var department: String?
        public var state: ProblemState?
        public var channel: ProblemChannel?
        public var month: LedgerMonth?
        public var overdueOn: CivilDate?
        /// Words the description, the reporter or the 工单号 contains.
        public var text: String?

        public init(
            department: String? = nil, state: ProblemState? = nil, channel: ProblemChannel? = nil, month: LedgerMonth? = nil,
            overdueOn: CivilDate? = nil, text: String? = nil
        ) {
            self.text = text
            self.department = department
            self.state = state
            self.channel = channel
            self.month = month
            self.overdueOn = overdueOn
        }
    }

    // MARK: Working calendars

    /// Imports a year's calendar (`calendars/YEAR.yaml`), replacing that year's; audited. In the
    /// same transaction, every open deadline counted with weekends only is counted again from
    /// the day it started (`recount`, a step of each problem's history); how many is returned.
    @discardableResult
    public func importCalendar(
        _ text: String, file: String, actor: String, on today: CivilDate = CountyCalendar.today()
    ) async throws -> (
        calendar: WorkingCalendar, recounted: Int
    ) {
        let calendar = try WorkingCalendar.parse(text, file: file)
        let sha = SurveyTemplate.sha256(of: text)
        let recounted = try await pool.transaction { connection -> Int in
            try connection.query(
                """
                INSERT INTO working_calendars (year, calendar_yaml, calendar_sha256) VALUES (\(calendar.year), \(text), \(sha))
                ON CONFLICT (year) DO UPDATE SET calendar_yaml = EXCLUDED.calendar_yaml, calendar_sha256 = EXCLUDED.calendar_sha256,
                    imported_at = now()
                """)
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "calendar.import", subject: "calendar \(calendar.year)",
                    afterJSON: AuditLog.json(["holidays": calendar.holidays.count, "workdays": calendar.workdays.count])),
                on: connection)
            return try ProblemStore.recount(
                with: ProblemStore.calendars(on: connection), year: calendar.year, today: today, actor: actor, on: connection)
        }
        return (calendar, recounted)
    }

    /// Counts again every open deadline counted with weekends only, from the day it started,
    /// now that `year`'s calendar is in; each change is a `recount` step with both days.
    static func recount(with calendars: WorkingCalendars, year: Int, today: CivilDate, actor: String, on connection: Connection) throws -> Int {
        let open = try connection.query(
            """
            SELECT p.id, p.channel, p.department_code, p.due_on::text AS due_on, coalesce(p.due_from, p.assigned_on)::text AS due_from
            FROM problems p WHERE p.due_provisional AND p.state IN ('assigned', 'done') ORDER BY p.id FOR UPDATE
            """)
        var recounted = 0
        for row in open.rows {
            guard let from = CivilDate(parsing: try row.decode("due_from")), let before = CivilDate(parsing: try row.decode("due_on")),
                let channel = ProblemChannel(rawValue: try row.decode("channel"))
            else { continue }
            let rules = try ProblemStore.rules(year: from.year, on: connection)
            let (due, provisional) = calendars.deadline(workingDays: rules.dueWorkingDays(for: channel), from: from)
            let id: Int = try row.decode("id")
            try connection.query(
                "UPDATE problems SET due_on = \(due.description)::date, due_provisional = \(!provisional.isEmpty) WHERE id = \(id)")
            let note =
                "导入 \(year) 年工作日历后重算期限：\(before) → \(due)"
                + (provisional.isEmpty ? "" : "（仍" + WorkingCalendars.provisionalNote(provisional) + "）")
            try connection.query(
                """
                INSERT INTO problem_steps (problem_id, step, on_day, department_code, due_on, note, actor)
                VALUES (\(id), 'recount', \(today.description)::date, \(try row.decode("department_code", as: String?.self)), \(due.description)::date,
                        \(note), \(actor))
                """)
            recounted += 1
        }
        return recounted
    }

    /// The imported calendars.
    public func calendars() async throws -> WorkingCalendars {
        try await pool.withConnection { try ProblemStore.calendars(on: $0) }
    }

    static func calendars(on connection: Connection) throws -> WorkingCalendars {
        WorkingCalendars(
            try connection.query("SELECT year, calendar_yaml FROM working_calendars ORDER BY year").map { row in
                try WorkingCalendar.parse(try row.decode("calendar_yaml"), file: "calendar \(try row.decode("year", as: Int.self))")
            })
    }

    /// The ledger's rules of `year`'s policy, or the defaults when the year has no appraisal yet.
    public func rules(year: Int) async throws -> LedgerRules {
        try await pool.withConnection { try ProblemStore.rules(year: year, on: $0) }
    }

    static func rules(year: Int, on connection: Connection) throws -> LedgerRules {
        guard let row = try connection.query("SELECT policy_yaml, policy_sha256 FROM appraisal_years WHERE year = \(year)").first else {
            return .defaults
        }
        return try PolicyCache.policy(sha256: try row.decode("policy_sha256"), text: try row.decode("policy_yaml"), year: year).ledger
    }

    // MARK: Intake

    /// A new problem, collected (收集): its history starts with a `receive` step.
    public func add(
        channel: ProblemChannel, environment: BusinessEnvironment, description: String, receivedOn: CivilDate, reporter: String?,
        reporterPhone: String? = nil, externalRef: String? = nil, actor: String
    ) async throws -> Problem {
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...5000).contains(text.count) else { throw ProblemError.badDescription }
        if receivedOn > today() { throw ProblemError.futureDay(receivedOn) }
        return try await pool.transaction { connection in
            try ProblemStore.insert(
                channel: channel, environment: environment, description: text, receivedOn: receivedOn, reporter: reporter,
                reporterPhone: reporterPhone, externalRef: externalRef, clueID: nil, actor: actor, on: connection)
        }
    }

    static func insert(
        channel: ProblemChannel, environment: BusinessEnvironment, description: String, receivedOn: CivilDate, reporter: String?,
        reporterPhone: String?, externalRef: String?, clueID: String?, actor: String, on connection: Connection
    ) throws -> Problem {
        let reporter = reporter.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let id: Int = try connection.query(
            """
            INSERT INTO problems (channel, environment, description, received_on, reporter, reporter_phone, external_ref, clue_id)
            VALUES (\(channel.rawValue), \(environment.rawValue), \(description), \(receivedOn.description)::date, \(reporter),
                    \(reporterPhone), \(externalRef), \(clueID)::uuid)
            RETURNING id
            """)[0].decode("id")
        try connection.query(
            "INSERT INTO problem_steps (problem_id, step, on_day, actor) VALUES (\(id), 'receive', \(receivedOn.description)::date, \(actor))")
        try AuditLog.record(
            AuditEntry(
                actor: actor, action: "problem.add", subject: "problem \(id)",
                afterJSON: AuditLog.json(["channel": channel.rawValue, "anonymous": reporter == nil ? "yes" : "no"])),
            on: connection)
        return try find(id, on: connection)
    }

    /// Imports an intake file (`ProblemFormat`): all rows or none; a row whose 工单号 is in the
    /// ledger already is left as it is (importing the same export again adds nothing).
    public func importProblems(_ parse: ImportParse<ProblemImportRow>, actor: String, dryRun: Bool = false) async throws -> ImportSummary {
        let rows = try parse.validRows().map(\.value)
        let file = parse.file
        return try await ImportTransaction.run(on: pool, dryRun: dryRun) { connection in
            var inserted = 0
            for row in rows {
                guard try connection.query("SELECT 1 FROM problems WHERE external_ref = \(row.externalRef)").count == 0 else { continue }
                _ = try ProblemStore.insert(
                    channel: row.channel, environment: row.environment, description: row.description, receivedOn: row.receivedOn,
                    reporter: row.reporter, reporterPhone: row.phone, externalRef: row.externalRef, clueID: nil, actor: actor, on: connection)
                inserted += 1
            }
            let summary = ImportSummary(
                file: file, counts: [ImportCount(entity: "问题", inserted: inserted, updated: 0, unchanged: rows.count - inserted)])
            try RosterStore.audit(summary, action: "import.problems", actor: actor, on: connection)
            return summary
        }
    }

    /// A supervisor's 问题线索 made a problem in one action: channel 线索, the clue's text and day;
    /// the reporter is the supervisor who signed it, none for an unsigned clue (it stays anonymous).
    public func fromClue(_ clueID: String, environment: BusinessEnvironment, actor: String) async throws -> Problem {
        guard UUID(uuidString: clueID) != nil else { throw ProblemError.clueNotFound(clueID) }
        return try await pool.transaction { connection in
            guard
                let clue = try connection.query(
                    "SELECT body, signed_by, reported_on::text AS day FROM problem_clues WHERE id = \(clueID)::uuid FOR UPDATE"
                ).first
            else { throw ProblemError.clueNotFound(clueID) }
            guard try connection.query("SELECT 1 FROM problems WHERE clue_id = \(clueID)::uuid").count == 0 else {
                throw ProblemError.clueTaken(clueID)
            }
            let problem = try ProblemStore.insert(
                channel: .clue, environment: environment, description: try clue.decode("body"),
                receivedOn: CivilDate(parsing: try clue.decode("day")) ?? CivilDate(year: 2000, month: 1, day: 1)!,
                reporter: try clue.decode("signed_by"), reporterPhone: nil, externalRef: nil, clueID: clueID, actor: actor, on: connection)
            try connection.query(
                "UPDATE problem_clues SET status = 'assigned', note = \("已转为台账问题 \(problem.id)") WHERE id = \(clueID)::uuid")
            return problem
        }
    }

    /// Near-identical clues (the same matter from several supervisors) made one problem: the first
    /// clue's text and day, the first signer (none when every clue is unsigned: it stays
    /// anonymous), and every clue marked as gone into it — all of them or none.
    public func fromClues(_ clueIDs: [String], environment: BusinessEnvironment, actor: String) async throws -> Problem {
        let ids = clueIDs.map { $0.lowercased() }
        guard let first = ids.first, ids.allSatisfy({ UUID(uuidString: $0) != nil }) else {
            throw ProblemError.clueNotFound(clueIDs.first ?? "")
        }
        return try await pool.transaction { connection in
            var clues: [(id: String, body: String, signer: String?, day: String)] = []
            for id in ids {
                guard
                    let clue = try connection.query(
                        "SELECT body, signed_by, reported_on::text AS day FROM problem_clues WHERE id = \(id)::uuid FOR UPDATE"
                    ).first
                else { throw ProblemError.clueNotFound(id) }
                guard try connection.query("SELECT 1 FROM problems WHERE clue_id = \(id)::uuid").count == 0,
                    try connection.query("SELECT 1 FROM problem_clues WHERE id = \(id)::uuid AND status = 'new'").count == 1
                else { throw ProblemError.clueTaken(id) }
                clues.append((id, try clue.decode("body"), try clue.decode("signed_by"), try clue.decode("day")))
            }
            clues.sort { ($0.day, $0.id) < ($1.day, $1.id) }  // the earliest first, whatever order the page sent
            let signer = clues.compactMap(\.signer).first
            let problem = try ProblemStore.insert(
                channel: .clue, environment: environment,
                description: String(clues[0].body.prefix(4900)) + (clues.count > 1 ? "（合并相同线索 \(clues.count) 条）" : ""),
                receivedOn: CivilDate(parsing: clues[0].day) ?? CivilDate(year: 2000, month: 1, day: 1)!, reporter: signer, reporterPhone: nil,
                externalRef: nil, clueID: first, actor: actor, on: connection)
            for clue in clues {
                try connection.query(
                    "UPDATE problem_clues SET status = 'assigned', note = \("已转为台账问题 \(problem.id)") WHERE id = \(clue.id)::uuid")
            }
            return problem
        }
    }

    // MARK: Steps

    /// 交办: to a department (and optionally a section and chief), due the policy's working days
    /// for the channel after `day`.
    public func assign(
        _ id: Int, department: String, section: String? = nil, employeeNumber: String? = nil, on day: CivilDate, actor: String
    ) async throws -> Problem {
        try await step(id, .assign, note: nil, on: day, actor: actor, apply: Self.assigning(id, department, section, employeeNumber, day))
    }

    /// 批量交办: the items to one department on one day, all of them or none (one refused, say one
    /// assigned meanwhile, leaves every one as it was).
    public func assign(_ ids: [Int], department: String, on day: CivilDate, actor: String) async throws -> [Problem] {
        guard !ids.isEmpty else { return [] }
        if day > today() { throw ProblemError.futureDay(day) }
        return try await pool.transaction { connection in
            try ids.map { id in
                try ProblemStore.take(
                    id, .assign, note: nil, callback: nil, evidence: [], on: day, actor: actor, connection: connection,
                    apply: Self.assigning(id, department, nil, nil, day))
            }
        }
    }

    /// What 交办 writes: the department (an active one), the deadline in working days from `day`.
    static func assigning(
        _ id: Int, _ department: String, _ section: String?, _ employeeNumber: String?, _ day: CivilDate
    )
        -> @Sendable (Problem, Connection) throws -> (String?, CivilDate?)
    {
        { problem, connection in
            guard try connection.query("SELECT 1 FROM departments WHERE code = \(department) AND active").count == 1 else {
                throw ProblemError.unknownDepartment(department)
            }
            let rules = try ProblemStore.rules(year: day.year, on: connection)
            let (due, provisional) = try ProblemStore.calendars(on: connection).deadline(
                workingDays: rules.dueWorkingDays(for: problem.channel), from: day)
            try connection.query(
                """
                UPDATE problems SET state = 'assigned', department_code = \(department), section = \(section), employee_number = \(employeeNumber),
                       assigned_on = \(day.description)::date, due_on = \(due.description)::date, due_from = \(day.description)::date,
                       due_provisional = \(!provisional.isEmpty)
                WHERE id = \(id)
                """)
            return (department, due)
        }
    }

    /// 办结: the department's report of what was done, with its evidence (checked by
    /// `ProblemEvidence.check`), stored with the step in one transaction.
    public func reportDone(_ id: Int, note: String, evidence: [ProblemEvidence] = [], on day: CivilDate, actor: String) async throws -> Problem {
        try await step(id, .reportDone, note: note, evidence: evidence, on: day, actor: actor) { problem, connection in
            try connection.query("UPDATE problems SET state = 'done' WHERE id = \(id)")
            return (problem.departmentCode, nil)
        }
    }

    /// 督查退回: back to the department with the reason; the deadline restarts from `day` when the
    /// policy says so, else the first one stands.
    public func sendBack(_ id: Int, note: String, on day: CivilDate, actor: String) async throws -> Problem {
        try await step(id, .sendBack, note: note, on: day, actor: actor) { problem, connection in
            let rules = try ProblemStore.rules(year: day.year, on: connection)
            var due: CivilDate?
            var provisional = problem.dueProvisional
            if rules.restartOnSendBack {
                let deadline = try ProblemStore.calendars(on: connection).deadline(workingDays: rules.dueWorkingDays(for: problem.channel), from: day)
                due = deadline.due
                provisional = !deadline.provisionalYears.isEmpty
            }
            try connection.query(
                """
                UPDATE problems SET state = 'assigned', due_on = coalesce(\(due?.description)::date, due_on),
                       due_from = coalesce(\(due == nil ? nil : day.description)::date, due_from), due_provisional = \(provisional)
                WHERE id = \(id)
                """)
            return (problem.departmentCode, due)
        }
    }

    /// 核查通过: the office accepts the department's work; the item waits for 答复, 回访 and 销号
    /// (an anonymous one for 销号 only).
    public func verify(_ id: Int, note: String?, on day: CivilDate, actor: String) async throws -> Problem {
        try await step(id, .verify, note: note, on: day, actor: actor) { problem, connection in
            try connection.query("UPDATE problems SET state = 'verified' WHERE id = \(id)")
            return (problem.departmentCode, nil)
        }
    }

    /// 答复反映人: what the reporter was told.
    public func reply(_ id: Int, note: String, on day: CivilDate, actor: String) async throws -> Problem {
        try await step(id, .reply, note: note, on: day, actor: actor) { problem, connection in
            try connection.query("UPDATE problems SET replied_on = \(day.description)::date WHERE id = \(id)")
            return (problem.departmentCode, nil)
        }
    }

    /// 回访: the reporter's answer. 不满意 (with the reason) sends the item back to its department
    /// with a new deadline counted from `day`; the reply and answer are cleared on the item (its
    /// history keeps them), so the next round is answered and called back again.
    public func callback(_ id: Int, _ callback: CallbackSatisfaction, note: String?, on day: CivilDate, actor: String) async throws -> Problem {
        try await step(id, .callback, note: note, callback: callback, on: day, actor: actor) { problem, connection in
            guard callback == .dissatisfied else {
                try connection.query("UPDATE problems SET callback = \(callback.rawValue) WHERE id = \(id)")
                return (problem.departmentCode, nil)
            }
            let rules = try ProblemStore.rules(year: day.year, on: connection)
            let (due, provisional) = try ProblemStore.calendars(on: connection).deadline(
                workingDays: rules.dueWorkingDays(for: problem.channel), from: day)
            try connection.query(
                """
                UPDATE problems SET state = 'assigned', replied_on = NULL, callback = NULL, due_on = \(due.description)::date,
                       due_from = \(day.description)::date, due_provisional = \(!provisional.isEmpty)
                WHERE id = \(id)
                """)
            return (problem.departmentCode, due)
        }
    }

    /// 销号: the last step.
    public func close(_ id: Int, note: String?, on day: CivilDate, actor: String) async throws -> Problem {
        try await step(id, .close, note: note, on: day, actor: actor) { problem, connection in
            try connection.query("UPDATE problems SET state = 'closed', closed_on = \(day.description)::date WHERE id = \(id)")
            return (problem.departmentCode, nil)
        }
    }

    /// One step: lock, check the flow, apply, record the history row and the audit row.
    private func step(
        _ id: Int, _ step: ProblemStep, note: String?, callback: CallbackSatisfaction? = nil, evidence: [ProblemEvidence] = [],
        on day: CivilDate, actor: String, apply: @escaping @Sendable (Problem, Connection) throws -> (String?, CivilDate?)
    ) async throws -> Problem {
        if day > today() { throw ProblemError.futureDay(day) }
        return try await pool.transaction { connection in
            try ProblemStore.take(
                id, step, note: note, callback: callback, evidence: evidence, on: day, actor: actor, connection: connection, apply: apply)
        }
    }

    /// A step inside the caller's transaction.
    static func take(
        _ id: Int, _ step: ProblemStep, note: String?, callback: CallbackSatisfaction?, evidence: [ProblemEvidence], on day: CivilDate,
        actor: String, connection: Connection, apply: @Sendable (Problem, Connection) throws -> (String?, CivilDate?)
    ) throws -> Problem {
        let note = try note.map { raw throws(ProblemError) -> String in
            guard let note = Note(raw) else { throw .noteRequired(step) }
            return note.text
        }
        guard try connection.query("SELECT 1 FROM problems WHERE id = \(id) FOR UPDATE").count == 1 else { throw ProblemError.notFound(id) }
        let before = try ProblemStore.find(id, on: connection)
        _ = try ProblemFlow.next(after: step, from: before.state, problem: before, note: note, callback: callback)
        // No step before the one it follows (a recount is dated the day the calendar came, not a step of the work).
        if let text = try connection.query(
            "SELECT max(on_day)::text AS last FROM problem_steps WHERE problem_id = \(id) AND step <> 'recount'"
        )[0].decode("last", as: String?.self), let last = CivilDate(parsing: text), day < last {
            throw ProblemError.beforeLastStep(day: day, last: last)
        }
        let (department, due) = try apply(before, connection)
        let stepID: Int = try connection.query(
            """
            INSERT INTO problem_steps (problem_id, step, on_day, department_code, due_on, note, callback, actor)
            VALUES (\(id), \(step.rawValue), \(day.description)::date, \(department), \(due?.description)::date,
                    \(note.flatMap { $0.isEmpty ? nil : $0 }), \(callback?.rawValue), \(actor))
            RETURNING id
            """)[0].decode("id")
        for file in evidence {
            try connection.query(
                """
                INSERT INTO problem_evidence (problem_id, step_id, kind, size, data, actor)
                VALUES (\(id), \(stepID), \(file.kind.rawValue), \(file.data.count), \(file.data), \(actor))
                """)
        }
        let after = try ProblemStore.find(id, on: connection)
        try AuditLog.record(
            AuditEntry(
                actor: actor, action: "problem.\(step.rawValue)", subject: "problem \(id)",
                beforeJSON: AuditLog.json(["state": before.state.rawValue]),
                afterJSON: AuditLog.json(["state": after.state.rawValue, "evidence": "\(evidence.count)"])),
            on: connection)
        return after
    }

    // MARK: Reading

    /// An evidence file's facts, without its bytes.
    public struct EvidenceLine: Sendable, Hashable {
        public let id: Int
        public let kind: ProblemEvidence.Kind
        public let size: Int
        public let day: CivilDate
        public let step: ProblemStep
    }

    /// The evidence of a problem, oldest first.
    public func evidence(problem id: Int) async throws -> [EvidenceLine] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT e.id, e.kind, e.size, s.on_day::text AS on_day, s.step FROM problem_evidence e JOIN problem_steps s ON s.id = e.step_id
                WHERE e.problem_id = \(id) ORDER BY e.id
                """
            ).rows.compactMap { row in
                guard let kind = ProblemEvidence.Kind(rawValue: try row.decode("kind")), let step = ProblemStep(rawValue: try row.decode("step")),
                    let day = CivilDate(parsing: try row.decode("on_day"))
                else { return nil }
                return EvidenceLine(id: try row.decode("id"), kind: kind, size: try row.decode("size"), day: day, step: step)
            }
        }
    }

    /// One evidence file of a problem with its bytes, or `nil` (another problem's is `nil` too).
    public func evidenceFile(_ evidenceID: Int, of problem: Int) async throws -> ProblemEvidence? {
        try await pool.withConnection { connection in
            guard
                let row = try connection.query("SELECT kind, data FROM problem_evidence WHERE id = \(evidenceID) AND problem_id = \(problem)").first,
                let kind = ProblemEvidence.Kind(rawValue: try row.decode("kind"))
            else { return nil }
            return ProblemEvidence(kind: kind, data: try row.decode("data"))
        }
    }

    /// What the office took down to answer the reporter — the phone and the intake's 工单号 — kept
    /// off `Problem`, so that neither the API nor a department's page carries it.
    public func contact(of id: Int) async throws -> (phone: String?, externalRef: String?) {
        try await pool.withConnection { connection in
            guard let row = try connection.query("SELECT reporter_phone, external_ref FROM problems WHERE id = \(id)").first else {
                return (nil, nil)
            }
            return (try row.decode("reporter_phone"), try row.decode("external_ref"))
        }
    }

    static let select = """
        SELECT p.id, p.channel, p.environment, p.description, p.received_on::text AS received_on, p.reporter, p.state,
               p.department_code, d.name AS department_name, p.section, p.employee_number, p.assigned_on::text AS assigned_on,
               p.due_on::text AS due_on, p.due_from::text AS due_from, p.due_provisional, p.closed_on::text AS closed_on,
               p.replied_on::text AS replied_on, p.callback
        FROM problems p LEFT JOIN departments d ON d.code = p.department_code
        """

    static func decode(_ row: Row) throws -> Problem {
        func day(_ column: String) throws -> CivilDate? { try (row.decode(column) as String?).flatMap(CivilDate.init(parsing:)) }
        return Problem(
            id: try row.decode("id"), channel: ProblemChannel(rawValue: try row.decode("channel")) ?? .other,
            environment: BusinessEnvironment(rawValue: try row.decode("environment")) ?? .government, description: try row.decode("description"),
            receivedOn: try day("received_on") ?? CivilDate(year: 2000, month: 1, day: 1)!, reporter: try row.decode("reporter"),
            state: ProblemState(rawValue: try row.decode("state")) ?? .received, departmentCode: try row.decode("department_code"),
            departmentName: try row.decode("department_name"), section: try row.decode("section"), employeeNumber: try row.decode("employee_number"),
            assignedOn: try day("assigned_on"), dueOn: try day("due_on"), closedOn: try day("closed_on"), repliedOn: try day("replied_on"),
            callback: (try row.decode("callback") as String?).flatMap(CallbackSatisfaction.init(rawValue:)), dueFrom: try day("due_from"),
            dueProvisional: try row.decode("due_provisional"))
    }

    static func find(_ id: Int, on connection: Connection) throws -> Problem {
        guard let row = try connection.query("\(unescaped: ProblemStore.select) WHERE p.id = \(id)").first else {
            throw ProblemError.notFound(id)
        }
        return try decode(row)
    }

    /// One problem with its history, oldest step first.
    public func show(_ id: Int) async throws -> (problem: Problem, history: [ProblemRecord]) {
        try await pool.withConnection { connection in
            (try ProblemStore.find(id, on: connection), try ProblemStore.records(problem: id, on: connection))
        }
    }

    static func records(problem: Int?, through day: CivilDate? = nil, on connection: Connection) throws -> [ProblemRecord] {
        try connection.query(
            """
            SELECT problem_id, step, on_day::text AS on_day, department_code, due_on::text AS due_on, note, callback, actor
            FROM problem_steps
            WHERE (\(problem)::bigint IS NULL OR problem_id = \(problem)) AND (\(day?.description)::date IS NULL OR on_day <= \(day?.description)::date)
            ORDER BY problem_id, id
            """
        ).map { row in
            ProblemRecord(
                problemID: try row.decode("problem_id"), step: ProblemStep(rawValue: try row.decode("step")) ?? .receive,
                day: CivilDate(parsing: try row.decode("on_day")) ?? CivilDate(year: 2000, month: 1, day: 1)!,
                departmentCode: try row.decode("department_code"),
                dueOn: (try row.decode("due_on") as String?).flatMap(CivilDate.init(parsing:)), note: try row.decode("note"),
                callback: (try row.decode("callback") as String?).flatMap(CallbackSatisfaction.init(rawValue:)), actor: try row.decode("actor"))
        }
    }

    /// The problems, overdue first, then by due day and id.
    public func list(_ filter: Filter = Filter()) async throws -> [Problem] {
        let today = filter.overdueOn
        return try await pool.withConnection { connection in
            try connection.query(
                """
                \(unescaped: ProblemStore.select)
                WHERE (\(filter.department)::text IS NULL OR p.department_code = \(filter.department))
                  AND (\(filter.state?.rawValue)::text IS NULL OR p.state = \(filter.state?.rawValue))
                  AND (\(filter.channel?.rawValue)::text IS NULL OR p.channel = \(filter.channel?.rawValue))
                  AND (\(filter.month?.first.description)::date IS NULL
                       OR p.received_on BETWEEN \(filter.month?.first.description)::date AND \(filter.month?.last.description)::date)
                  AND (\(today?.description)::date IS NULL OR (p.state IN ('assigned', 'done') AND p.due_on < \(today?.description)::date))
                  AND (\(filter.text)::text IS NULL OR strpos(p.description, \(filter.text)) > 0 OR strpos(coalesce(p.reporter, ''), \(filter.text)) > 0
                       OR strpos(coalesce(p.external_ref, ''), \(filter.text)) > 0)
                ORDER BY (p.state IN ('assigned', 'done') AND p.due_on < \(CountyCalendar.today().description)::date) DESC,
                         p.state = 'closed', p.due_on NULLS FIRST, p.id
                """
            ).map(ProblemStore.decode)
        }
    }

    /// Everything a report needs: the problems, their histories up to `day`, the departments'
    /// names, the calendars and the year's rules.
    /// Everything a report needs, and the active departments (each listed, whether or not it had
    /// any item).
    func reportInputs(through day: CivilDate) async throws -> ([Problem], [ProblemRecord], [String: String], WorkingCalendars, LedgerRules, [String])
    {
        try await pool.withConnection { connection in
            let problems = try connection.query("\(unescaped: ProblemStore.select) ORDER BY p.id").map(ProblemStore.decode)
            let records = try ProblemStore.records(problem: nil, through: day, on: connection)
            var names: [String: String] = [:]
            var active: [String] = []
            for row in try connection.query("SELECT code, name, active FROM departments ORDER BY code").rows {
                names[try row.decode("code")] = try row.decode("name")
                if try row.decode("active", as: Bool.self) { active.append(try row.decode("code")) }
            }
            return (
                problems, records, names, try ProblemStore.calendars(on: connection), try ProblemStore.rules(year: day.year, on: connection), active
            )
        }
    }

    /// The month's 调度 table (`LedgerReport.month`): every active department, the month still
    /// running counted up to today.
    public func monthly(_ month: LedgerMonth) async throws -> [DepartmentMonth] {
        let (problems, records, names, calendars, rules, active) = try await reportInputs(through: month.last)
        return try LedgerReport.month(
            month, problems: problems, records: records, departments: names, calendars: calendars, rules: rules, asOf: today(), listing: active)
    }

    /// The year's figures per department (`LedgerReport.year`).
    public func yearEnd(_ year: Int) async throws -> [DepartmentQuarter] {
        let (problems, records, names, calendars, rules, active) = try await reportInputs(through: LedgerMonth(year: year, month: 12)!.last)
        return try LedgerReport.year(
            year, problems: problems, records: records, departments: names, calendars: calendars, rules: rules, asOf: today(), listing: active)
    }

    /// The quarter's ranking (`LedgerReport.quarter`).
    public func quarterly(year: Int, quarter: Int) async throws -> [DepartmentQuarter] {
        let end = LedgerMonth(year: year, month: 3 * quarter)!.last
        let (problems, records, names, calendars, rules, active) = try await reportInputs(through: end)
        return try LedgerReport.quarter(
            year: year, quarter: quarter, problems: problems, records: records, departments: names, calendars: calendars, rules: rules,
            asOf: today(), listing: active)
    }
}
