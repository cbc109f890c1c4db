import Foundation
import Testing

@testable import PingyiCore

@Suite("Problem ledger: the flow and the reports")
struct LedgerTests {
    static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    @Test("every step follows only from its state; a reply needs a reporter and a note")
    func flow() throws {
        var problem = Problem(id: 1, channel: .hotline, environment: .government, description: "办证慢", receivedOn: Self.day("2026-03-02"))
        #expect(try ProblemFlow.next(after: .assign, from: .received, problem: problem, note: nil) == .assigned)
        #expect(throws: ProblemError.noteRequired(.reportDone)) {
            try ProblemFlow.next(after: .reportDone, from: .assigned, problem: problem, note: " ")
        }
        #expect(try ProblemFlow.next(after: .reportDone, from: .assigned, problem: problem, note: "已办") == .done)
        #expect(throws: ProblemError.illegalStep(id: 1, state: .assigned, step: .verify)) {
            try ProblemFlow.next(after: .verify, from: .assigned, problem: problem, note: nil)
        }
        #expect(try ProblemFlow.next(after: .sendBack, from: .done, problem: problem, note: "材料不全") == .assigned)
        #expect(try ProblemFlow.next(after: .verify, from: .done, problem: problem, note: nil) == .verified)
        // Anonymous: nobody to answer, so from 核查 straight to 销号.
        #expect(throws: ProblemError.anonymous(1)) { try ProblemFlow.next(after: .reply, from: .verified, problem: problem, note: "已告知") }
        #expect(
            ProblemFlow.allowed(
                Problem(id: 1, channel: .hotline, environment: .government, description: "x", receivedOn: Self.day("2026-03-02"), state: .verified))
                == [.close])
        problem.reporter = "张三"
        problem.state = .verified
        #expect(ProblemFlow.allowed(problem) == [.reply])
        #expect(throws: ProblemError.callbackFirst(1)) { try ProblemFlow.next(after: .close, from: .verified, problem: problem, note: nil) }
        #expect(try ProblemFlow.next(after: .reply, from: .verified, problem: problem, note: "已告知") == .verified)
        problem.repliedOn = Self.day("2026-03-10")
        #expect(throws: ProblemError.illegalStep(id: 1, state: .verified, step: .reply)) {
            try ProblemFlow.next(after: .reply, from: .verified, problem: problem, note: "再次告知")
        }
        #expect(throws: ProblemError.callbackRequired) { try ProblemFlow.next(after: .callback, from: .verified, problem: problem, note: nil) }
        #expect(try ProblemFlow.next(after: .callback, from: .verified, problem: problem, note: "仍未解决", callback: .dissatisfied) == .assigned)
        #expect(try ProblemFlow.next(after: .callback, from: .verified, problem: problem, note: nil, callback: .notReached) == .verified)
        problem.callback = .satisfied
        #expect(ProblemFlow.allowed(problem) == [.close])
        #expect(try ProblemFlow.next(after: .close, from: .verified, problem: problem, note: nil) == .closed)
        problem.state = .closed
        #expect(ProblemFlow.allowed(problem).isEmpty)
        for step in [ProblemStep.assign, .reportDone, .sendBack, .verify, .reply, .callback, .close] {
            #expect(throws: ProblemError.self) { try ProblemFlow.next(after: step, from: .closed, problem: problem, note: "x") }
        }
    }

    /// Four problems of March 2026 in two departments, worked by hand (see the expectations).
    static func march() throws -> ([Problem], [ProblemRecord], WorkingCalendars) {
        let calendars = WorkingCalendars([try WorkingCalendarTests.shipped2026()])
        func due(_ from: String, _ days: Int) throws -> CivilDate { try calendars.adding(workingDays: days, to: Self.day(from)) }
        let problems = [
            Problem(id: 1, channel: .hotline, environment: .government, description: "P1", receivedOn: Self.day("2026-03-02"), reporter: "张三"),
            Problem(id: 2, channel: .clue, environment: .policy, description: "P2", receivedOn: Self.day("2026-03-02")),
            Problem(id: 3, channel: .mailbox, environment: .factors, description: "P3", receivedOn: Self.day("2026-03-10"), reporter: "李四"),
            Problem(id: 4, channel: .complaintLine, environment: .legal, description: "P4", receivedOn: Self.day("2026-03-16"), reporter: "王五"),
        ]
        #expect(try due("2026-03-02", 5) == Self.day("2026-03-09"))
        #expect(try due("2026-03-03", 15) == Self.day("2026-03-24"))
        #expect(try due("2026-03-10", 15) == Self.day("2026-03-31"))
        #expect(try due("2026-03-16", 7) == Self.day("2026-03-25"))
        func r(
            _ id: Int, _ step: ProblemStep, _ on: String, _ dept: String? = nil, due: CivilDate? = nil, callback: CallbackSatisfaction? = nil
        )
            -> ProblemRecord
        {
            ProblemRecord(problemID: id, step: step, day: Self.day(on), departmentCode: dept, dueOn: due, callback: callback, actor: "t")
        }
        let records = [
            r(1, .receive, "2026-03-02"), r(1, .assign, "2026-03-02", "A", due: try due("2026-03-02", 5)), r(1, .reportDone, "2026-03-05"),
            r(1, .verify, "2026-03-06"), r(1, .reply, "2026-03-10", callback: .satisfied),
            r(2, .receive, "2026-03-02"), r(2, .assign, "2026-03-03", "A", due: try due("2026-03-03", 15)), r(2, .reportDone, "2026-03-20"),
            r(2, .sendBack, "2026-03-23"), r(2, .reportDone, "2026-03-30"), r(2, .verify, "2026-03-31"),
            r(3, .receive, "2026-03-10"), r(3, .assign, "2026-03-10", "A", due: try due("2026-03-10", 15)),
            r(4, .receive, "2026-03-16"), r(4, .assign, "2026-03-16", "B", due: try due("2026-03-16", 7)), r(4, .reportDone, "2026-03-25"),
            r(4, .verify, "2026-03-26"), r(4, .reply, "2026-03-27", callback: .dissatisfied),
        ]
        return (problems, records, calendars)
    }

    @Test("the monthly report against hand-worked figures, and a month equals the sum of its problems")
    func monthly() throws {
        let (problems, records, calendars) = try Self.march()
        let names = ["A": "甲局", "B": "乙局"]
        let march = try LedgerReport.month(
            LedgerMonth(year: 2026, month: 3)!, problems: problems, records: records, departments: names, calendars: calendars,
            rules: .defaults)
        #expect(march.map(\.code) == ["A", "B"])
        let a = march[0]
        #expect((a.assigned, a.closed, a.closedOnTime, a.sentBack, a.overdue) == (3, 2, 1, 1, 0))  // P2 done 03-30, due 03-24: late
        #expect((a.closedWithReporter, a.replied, a.callbacks, a.satisfied) == (1, 1, 1, 1))
        #expect(a.interviewReason == nil && a.name == "甲局")
        let b = march[1]
        #expect((b.assigned, b.closed, b.closedOnTime) == (1, 1, 1))  // done 03-25 = due; verified a day later, still on time
        #expect((b.callbacks, b.satisfied, b.satisfactionRate) == (1, 0, 0))
        // April: P3 (due 03-31) still open: 21 working days overdue at 04-30 (Qingming 04-06 off) → 约谈提醒.
        let april = try LedgerReport.month(
            LedgerMonth(year: 2026, month: 4)!, problems: problems, records: records, departments: names, calendars: calendars,
            rules: .defaults)
        #expect(april.first { $0.code == "A" }?.overdue == 1 && april.first { $0.code == "A" }?.mostOverdueDays == 21)
        #expect(april.first { $0.code == "A" }?.interviewReason?.contains("21 个工作日") == true)
        #expect(april.first { $0.code == "A" }?.overdueProblems == [DepartmentMonth.OverdueProblem(id: 3, dueOn: Self.day("2026-03-31"), days: 21)])
        // The month still running is counted to today: on 04-08, P3 is 5 working days overdue, not 21;
        // every department listed is there, with or without items.
        let early = try LedgerReport.month(
            LedgerMonth(year: 2026, month: 4)!, problems: problems, records: records, departments: names.merging(["C": "丙局"]) { a, _ in a },
            calendars: calendars, rules: .defaults, asOf: Self.day("2026-04-08"), listing: ["A", "B", "C"])
        #expect(early.map(\.code) == ["A", "B", "C"] && early[0].mostOverdueDays == 5 && early[2].overdue == 0 && early[2].name == "丙局")
        // Each problem alone, summed, gives the month.
        var summed: [String: Int] = [:]
        for problem in problems {
            for line in try LedgerReport.month(
                LedgerMonth(year: 2026, month: 3)!, problems: [problem], records: records.filter { $0.problemID == problem.id },
                departments: names, calendars: calendars, rules: .defaults)
            {
                summed[line.code, default: 0] += line.assigned + line.closed + line.closedOnTime + line.sentBack + line.callbacks + line.satisfied
            }
        }
        #expect(summed == ["A": 3 + 2 + 1 + 1 + 1 + 1, "B": 1 + 1 + 1 + 0 + 1 + 0])
    }

    @Test("the quarter's ranking by the policy's weights, against hand-worked scores")
    func quarterly() throws {
        let (problems, records, calendars) = try Self.march()
        let ranking = try LedgerReport.quarter(
            year: 2026, quarter: 1, problems: problems, records: records, departments: ["A": "甲局", "B": "乙局"], calendars: calendars,
            rules: .defaults)
        // B: on time 1, not sent back 1, satisfaction 0 → 100 × (0.5 + 0.2 + 0) = 70.00.
        // A: on time 1/2, not sent back 2/3, satisfaction 1 → 100 × (0.25 + 0.1333 + 0.3) = 68.33.
        #expect(ranking.map(\.code) == ["B", "A"])
        #expect(ranking.map(\.score) == [70, 68.33])
        #expect(ranking.map(\.rank) == [1, 2])
        #expect(ranking[1].trend == [1: 68.33])
        // The second quarter seen on 04-08: nothing closed yet, but P3 is overdue and open — it counts
        // as not on time (0 %, not 「no figure」), and the months not yet come count nothing.
        let running = try LedgerReport.quarter(
            year: 2026, quarter: 2, problems: problems, records: records, departments: ["A": "甲局", "B": "乙局"], calendars: calendars,
            rules: .defaults, asOf: Self.day("2026-04-08"), listing: ["A", "B"])
        let a = try #require(running.first { $0.code == "A" })
        #expect((a.closed, a.overdueOpen, a.onTimeRate, a.score, a.rank) == (0, 1, 0, 0, 1))
        #expect(running.first { $0.code == "B" }?.score == nil)
    }

    @Test("the year-end figures: the twelve months summed, scored like a quarter, each quarter as the trend")
    func yearEnd() throws {
        let (problems, records, calendars) = try Self.march()
        let year = try LedgerReport.year(
            2026, problems: problems, records: records, departments: ["A": "甲局", "B": "乙局"], calendars: calendars, rules: .defaults)
        // A's P3 is never closed: open and overdue at the year's end, it counts against A's on-time rate
        // (1 of 3), and each later quarter scores A on it: 100 × (0.5·1/3 + 0.2·2/3 + 0.3·1) = 60.00.
        #expect(year.map(\.code) == ["B", "A"] && year.map(\.score) == [70, 60] && year.map(\.rank) == [1, 2])
        #expect(year[1].closed == 2 && year[1].sentBack == 1 && year[1].overdueOpen == 1 && year[1].trend == [1: 68.33, 2: 0, 3: 0, 4: 0])
        let sheet = LedgerReport.yearSheet(2026, rows: year)
        #expect(sheet.columns.count == 16 && sheet.rows[0][1] == .text("乙局") && sheet.rows[1][10] == .number(60))
    }

    @Test("the policy's problems section: deadlines by channel, send-back, weights; a bad one reported")
    func policy() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SurveyTemplates/policy.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let rules = try ScoringPolicy.parse(text, file: "policy.yaml").ledger
        #expect(rules.dueWorkingDays(for: .hotline) == 5 && rules.dueWorkingDays(for: .complaintLine) == 7)
        #expect(rules.dueWorkingDays(for: .clue) == 15 && !rules.restartOnSendBack && rules.interviewOverdueDays == 5)
        let bad = text.replacingOccurrences(of: "sendBack: continue", with: "sendBack: later")
            .replacingOccurrences(of: "onTime: 5/10", with: "onTime: 6/10")
        #expect(throws: InvalidFile.self) { try ScoringPolicy.parse(bad, file: "policy.yaml") }
    }
}
