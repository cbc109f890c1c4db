/// The ledger's reports, computed from the problems' histories only (`ProblemRecord`), so a
/// month's figures are the sum of what happened to each problem that month. A problem closed
/// "on time" is one whose accepted report of completion (the last 办结 before 销号) came on or
/// before its due day: the office's verifying a day later does not make the department late.
public enum LedgerReport {
    /// The month's 调度 table, a row per department with any problem (by code) and per
    /// department of `listing` (every active one, whether or not it had any), and the 约谈提醒: a
    /// department with an item more than `rules.interviewOverdueDays` working days overdue at
    /// the month's end. The month still running is counted up to `asOf` (today): what is
    /// overdue now, not what will be at its end.
    public static func month(
        _ month: LedgerMonth, problems: [Problem], records: [ProblemRecord], departments: [String: String], calendars: WorkingCalendars,
        rules: LedgerRules, asOf: CivilDate? = nil, listing: [String] = []
    ) throws(WorkingCalendarError) -> [DepartmentMonth] {
        let end = min(month.last, asOf ?? month.last)
        var rows: [String: DepartmentMonth] = [:]
        for code in listing { rows[code] = DepartmentMonth(code: code, name: departments[code] ?? code) }
        /// Changes a department's row, made on first use.
        func update(_ code: String, _ change: (inout DepartmentMonth) -> Void) {
            var row = rows[code] ?? DepartmentMonth(code: code, name: departments[code] ?? code)
            change(&row)
            rows[code] = row
        }
        let byID = Dictionary(problems.map { ($0.id, $0) }) { first, _ in first }
        let history = Dictionary(grouping: records, by: \.problemID)
        for (id, steps) in history {
            var department: String?
            var due: CivilDate?
            var state = ProblemState.received
            var closedInMonth = false
            var repliedByEnd = false
            var doneOn: CivilDate?
            for record in steps where record.day <= end {
                let inMonth = month.contains(record.day)
                switch record.step {
                case .receive: state = .received
                case .assign:
                    department = record.departmentCode
                    due = record.dueOn
                    state = .assigned
                    if inMonth, let code = department { update(code) { $0.assigned += 1 } }
                case .reportDone:
                    state = .done
                    doneOn = record.day
                case .sendBack:
                    state = .assigned
                    if let newDue = record.dueOn { due = newDue }
                    if inMonth, let code = department { update(code) { $0.sentBack += 1 } }
                case .verify:
                    // 核查通过 is when the department's work counts as 办结; 销号 comes after the reporter's answer.
                    state = .verified
                    if inMonth, let code = department {
                        closedInMonth = true
                        // On time: the department's accepted report of completion came by the due day.
                        let onTime = due.flatMap { due in doneOn.map { $0 <= due } } ?? false
                        update(code) { row in
                            row.closed += 1
                            if onTime { row.closedOnTime += 1 }
                        }
                    }
                case .recount:
                    // A working calendar came: the same deadline, counted exactly.
                    if let newDue = record.dueOn { due = newDue }
                case .reply, .callback:
                    // (Before 回访 was a step of its own, the answer was recorded with the reply.)
                    if record.step == .reply { repliedByEnd = true }
                    if inMonth, let code = department, let callback = record.callback, callback != .notReached {
                        update(code) { row in
                            row.callbacks += 1
                            if callback.isSatisfied { row.satisfied += 1 }
                        }
                    }
                    if record.step == .callback, record.callback == .dissatisfied {
                        // Back to the department, against a new deadline.
                        state = .assigned
                        if let newDue = record.dueOn { due = newDue }
                        doneOn = nil
                    }
                case .close:
                    state = .closed
                }
            }
            guard let code = department else { continue }
            if closedInMonth, byID[id]?.reporter != nil {
                update(code) { row in
                    row.closedWithReporter += 1
                    if repliedByEnd { row.replied += 1 }
                }
            }
            if state == .assigned || state == .done, let due, due < end {
                let days = try calendars.workingDays(after: due, through: end, weekendsWhenMissing: true)
                update(code) { row in
                    row.overdue += 1
                    row.mostOverdueDays = max(row.mostOverdueDays, days)
                    row.overdueProblems.append(DepartmentMonth.OverdueProblem(id: id, dueOn: due, days: days))
                }
            }
        }
        for (code, row) in rows where row.mostOverdueDays > rules.interviewOverdueDays {
            rows[code]?.interviewReason =
                "有 \(row.overdue) 件逾期，最长逾期 \(row.mostOverdueDays) 个工作日（超过 \(rules.interviewOverdueDays) 个工作日）"
        }
        for code in rows.keys { rows[code]?.overdueProblems.sort { ($0.days, $1.id) > ($1.days, $0.id) } }
        return rows.values.sorted { $0.code < $1.code }
    }
}
