/// The ledger's reports, computed from the problems' histories only (`ProblemRecord`), so a
/// month's figures are the sum of what happened to each problem that month. A problem closed
/// "on time" is one whose accepted report of completion (the last 办结 before 销号) came on or
/// before its due day: the office's verifying a day later does not make the department late.
public enum LedgerReport {
    /// The month's 调度 table, a row per department with any problem (by code), and the 约谈提醒:
    /// a department with an item more than `rules.interviewOverdueDays` working days overdue at
    /// the month's end.
    public static func month(
        _ month: LedgerMonth, problems: [Problem], records: [ProblemRecord], departments: [String: String], calendars: WorkingCalendars,
        rules: LedgerRules
    ) throws(WorkingCalendarError) -> [DepartmentMonth] {
        var rows: [String: DepartmentMonth] = [:]
        func row(_ code: String) -> DepartmentMonth { rows[code] ?? DepartmentMonth(code: code, name: departments[code] ?? code) }
        let byID = Dictionary(problems.map { ($0.id, $0) }) { first, _ in first }
        let history = Dictionary(grouping: records, by: \.problemID)
        for (id, steps) in history {
            var department: String?
            var due: CivilDate?
            var state = ProblemState.received
            var closedInMonth = false
            var repliedByEnd = false
            var doneOn: CivilDate?
            for record in steps where record.day <= month.last {
                let inMonth = month.contains(record.day)
                switch record.step {
                case .receive: state = .received
                case .assign:
                    department = record.departmentCode
                    due = record.dueOn
                    state = .assigned
                    if inMonth, let code = department {
                        rows[code] = {
                            var r = row(code)
                            r.assigned += 1
                            return r
                        }()
                    }
                case .reportDone:
                    state = .done
                    doneOn = record.day
                case .sendBack:
                    state = .assigned
                    if let newDue = record.dueOn { due = newDue }
                    if inMonth, let code = department {
                        rows[code] = {
                            var r = row(code)
                            r.sentBack += 1
                            return r
                        }()
                    }
                case .verify:
                    state = .closed
                    if inMonth, let code = department {
                        closedInMonth = true
                        var r = row(code)
                        r.closed += 1
                        // On time: the department's accepted report of completion came by the due day.
                        if let due, let doneOn, doneOn <= due { r.closedOnTime += 1 }
                        rows[code] = r
                    }
                case .reply:
                    repliedByEnd = true
                    if inMonth, let code = department, let callback = record.callback, callback != .notReached {
                        var r = row(code)
                        r.callbacks += 1
                        if callback.isSatisfied { r.satisfied += 1 }
                        rows[code] = r
                    }
                }
            }
            guard let code = department else { continue }
            if closedInMonth, byID[id]?.reporter != nil {
                var r = row(code)
                r.closedWithReporter += 1
                if repliedByEnd { r.replied += 1 }
                rows[code] = r
            }
            if state != .closed, let due, due < month.last {
                var r = row(code)
                r.overdue += 1
                r.mostOverdueDays = max(r.mostOverdueDays, try calendars.workingDays(after: due, through: month.last))
                rows[code] = r
            }
        }
        for (code, r) in rows where r.mostOverdueDays > rules.interviewOverdueDays {
            var reminded = r
            reminded.interviewReason = "有 \(r.overdue) 件逾期，最长逾期 \(r.mostOverdueDays) 个工作日（超过 \(rules.interviewOverdueDays) 个工作日）"
            rows[code] = reminded
        }
        return rows.values.sorted { $0.code < $1.code }
    }
}
