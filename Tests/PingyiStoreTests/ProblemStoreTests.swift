import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Problem ledger in PostgreSQL")
struct ProblemStoreTests {
    static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }
    static let calendar = CountyFixture.repository.appendingPathComponent("calendars/2026.yaml")

    @Test("the chain 收集 → 交办 → 办结 → 退回 → 办结 → 销号 → 反馈, each step a history row, audited; wrong steps change nothing")
    func chain() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = ProblemStore(pool: fixture.pool)
            let problem = try await store.add(
                channel: .hotline, environment: .government, description: "营业执照变更要跑三次", receivedOn: Self.day("2026-03-02"),
                reporter: "张三", actor: "office")
            #expect(problem.state == .received && problem.reporter == "张三")
            // No calendar yet: the work goes on, the deadline counted with weekends only and marked so
            // (2026-09-29 + 5 working days: 10-06 by weekends, across the National Day holiday).
            let early = try await store.add(
                channel: .hotline, environment: .government, description: "国庆前交办的问题", receivedOn: Self.day("2026-09-29"),
                reporter: nil, actor: "office")
            let provisional = try await store.assign(early.id, department: "SCJG", on: Self.day("2026-09-29"), actor: "office")
            #expect(provisional.dueOn == Self.day("2026-10-06") && provisional.dueProvisional && provisional.dueFrom == Self.day("2026-09-29"))
            // The calendar comes: the open deadline is counted again from its start, and the history says so.
            let imported = try await store.importCalendar(
                try String(contentsOf: Self.calendar, encoding: .utf8), file: "2026.yaml", actor: "office", on: Self.day("2026-09-30"))
            #expect(imported.recounted == 1)
            let recounted = try await store.show(early.id)
            #expect(recounted.problem.dueOn == Self.day("2026-10-12") && !recounted.problem.dueProvisional)
            let step = try #require(recounted.history.last)
            #expect(step.step == .recount && step.dueOn == Self.day("2026-10-12") && step.note?.contains("2026-10-06 → 2026-10-12") == true)
            #expect(
                try await store.importCalendar(try String(contentsOf: Self.calendar, encoding: .utf8), file: "2026.yaml", actor: "office").recounted
                    == 0)
            await #expect(throws: ProblemError.unknownDepartment("NOPE")) {
                try await store.assign(problem.id, department: "NOPE", on: Self.day("2026-03-02"), actor: "office")
            }
            let assigned = try await store.assign(problem.id, department: "SCJG", on: Self.day("2026-03-02"), actor: "office")
            #expect(assigned.dueOn == Self.day("2026-03-09") && assigned.departmentName == "县市场监督管理局")  // 12345: 5 working days
            await #expect(throws: ProblemError.illegalStep(id: problem.id, state: .assigned, step: .verify)) {
                try await store.verify(problem.id, note: nil, on: Self.day("2026-03-03"), actor: "office")
            }
            await #expect(throws: ProblemError.noteRequired(.reportDone)) {
                try await store.reportDone(problem.id, note: " ", on: Self.day("2026-03-04"), actor: "SCJG")
            }
            _ = try await store.reportDone(problem.id, note: "已一次办结", on: Self.day("2026-03-04"), actor: "SCJG")
            let back = try await store.sendBack(problem.id, note: "未回复企业", on: Self.day("2026-03-05"), actor: "office")
            #expect(back.state == .assigned && back.dueOn == Self.day("2026-03-09"))  // policy: the first deadline stands
            _ = try await store.reportDone(problem.id, note: "已电话回复企业", on: Self.day("2026-03-06"), actor: "SCJG")
            // A step dated before the one it follows, or after today, is refused and changes nothing.
            await #expect(throws: ProblemError.beforeLastStep(day: Self.day("2026-03-05"), last: Self.day("2026-03-06"))) {
                try await store.verify(problem.id, note: nil, on: Self.day("2026-03-05"), actor: "office")
            }
            let tomorrow = CountyCalendar.today().adding(days: 1)
            await #expect(throws: ProblemError.futureDay(tomorrow)) { try await store.verify(problem.id, note: nil, on: tomorrow, actor: "office") }
            await #expect(throws: ProblemError.futureDay(tomorrow)) {
                try await store.add(channel: .hotline, environment: .government, description: "x", receivedOn: tomorrow, reporter: nil, actor: "o")
            }
            // 核查 does not close: 答复, then 回访, then 销号 — in that order.
            let verified = try await store.verify(problem.id, note: "核查属实", on: Self.day("2026-03-09"), actor: "office")
            #expect(verified.state == .verified && verified.closedOn == nil && ProblemFlow.allowed(verified) == [.reply])
            await #expect(throws: ProblemError.replyFirst(problem.id)) {
                try await store.callback(problem.id, .satisfied, note: nil, on: Self.day("2026-03-10"), actor: "office")
            }
            await #expect(throws: ProblemError.callbackFirst(problem.id)) {
                try await store.close(problem.id, note: nil, on: Self.day("2026-03-10"), actor: "office")
            }
            _ = try await store.reply(problem.id, note: "已告知办理结果", on: Self.day("2026-03-10"), actor: "office")
            // 回访不满意 (with its reason) sends it back to the department, against a new deadline from the callback.
            await #expect(throws: ProblemError.noteRequired(.callback)) {
                try await store.callback(problem.id, .dissatisfied, note: nil, on: Self.day("2026-03-11"), actor: "office")
            }
            let reopened = try await store.callback(problem.id, .dissatisfied, note: "企业称仍需往返", on: Self.day("2026-03-11"), actor: "office")
            #expect(reopened.state == .assigned && reopened.dueOn == Self.day("2026-03-18") && reopened.repliedOn == nil && reopened.callback == nil)
            #expect(ProblemFlow.allowed(reopened) == [.reportDone])
            _ = try await store.reportDone(problem.id, note: "已上门办理", on: Self.day("2026-03-12"), actor: "SCJG")
            _ = try await store.verify(problem.id, note: nil, on: Self.day("2026-03-13"), actor: "office")
            _ = try await store.reply(problem.id, note: "已告知", on: Self.day("2026-03-13"), actor: "office")
            let satisfied = try await store.callback(problem.id, .satisfied, note: nil, on: Self.day("2026-03-16"), actor: "office")
            #expect(satisfied.state == .verified && satisfied.callback == .satisfied && ProblemFlow.allowed(satisfied) == [.close])
            let closed = try await store.close(problem.id, note: nil, on: Self.day("2026-03-16"), actor: "office")
            #expect(closed.state == .closed && closed.closedOn == Self.day("2026-03-16") && ProblemFlow.allowed(closed).isEmpty)
            let history = try await store.show(problem.id).history
            #expect(
                history.map(\.step) == [
                    .receive, .assign, .reportDone, .sendBack, .reportDone, .verify, .reply, .callback, .reportDone, .verify, .reply, .callback,
                    .close,
                ])
            #expect(history[1].dueOn == Self.day("2026-03-09") && history[3].note == "未回复企业" && history[7].dueOn == Self.day("2026-03-18"))
            // 收集 and twelve steps, and two for the problem assigned before the calendar.
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action LIKE 'problem.%'") == 15)
            // The database keeps the same rules whoever writes.
            let connection = try fixture.database.connect()
            #expect(throws: PostgresError.self) { try connection.query("UPDATE problems SET state = 'received' WHERE id = \(problem.id)") }
            #expect(throws: PostgresError.self) { try connection.query("UPDATE problem_steps SET note = 'x' WHERE problem_id = \(problem.id)") }
            #expect(throws: PostgresError.self) { try connection.query("DELETE FROM problems WHERE id = \(problem.id)") }
            // The month's report from the histories.
            let march = try await store.monthly(LedgerMonth(year: 2026, month: 3)!)
            let scjg = try #require(march.first { $0.code == "SCJG" })
            #expect((scjg.assigned, scjg.closed, scjg.closedOnTime, scjg.sentBack, scjg.replied) == (1, 2, 2, 1, 1))
            #expect((scjg.callbacks, scjg.satisfied) == (2, 1))  // one 不满意, one 满意
        }
    }

    @Test("an unsigned clue becomes an anonymous problem, which cannot be replied to; a signed one carries its supervisor")
    func fromClue() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = ProblemStore(pool: fixture.pool)
            _ = try await store.importCalendar(try String(contentsOf: Self.calendar, encoding: .utf8), file: "2026.yaml", actor: "office")
            let campaign = try await fixture.campaign(.starRating)
            let connection = try fixture.database.connect()
            let unsigned: String = try connection.query(
                """
                INSERT INTO problem_clues (campaign_id, department_code, body, reported_on)
                VALUES (\(campaign.id), 'SWJ', '窗口推诿', DATE '2026-03-02') RETURNING id::text AS id
                """)[0].decode("id")
            let signed: String = try connection.query(
                """
                INSERT INTO problem_clues (campaign_id, department_code, body, reported_on, signed_by)
                VALUES (\(campaign.id), 'SCJG', '检查过多', DATE '2026-03-03', '薛敏') RETURNING id::text AS id
                """)[0].decode("id")
            let anonymous = try await store.fromClue(unsigned, environment: .government, actor: "office")
            #expect(anonymous.channel == .clue && anonymous.reporter == nil && anonymous.description == "窗口推诿")
            #expect(try await store.fromClue(signed, environment: .legal, actor: "office").reporter == "薛敏")
            await #expect(throws: ProblemError.clueTaken(unsigned)) { try await store.fromClue(unsigned, environment: .government, actor: "office") }
            await #expect(throws: ProblemError.clueNotFound("nope")) { try await store.fromClue("nope", environment: .government, actor: "office") }
            #expect(try fixture.count("SELECT count(*) FROM problem_clues WHERE status = 'assigned'") == 2)
            _ = try await store.assign(anonymous.id, department: "SWJ", on: Self.day("2026-03-02"), actor: "office")
            _ = try await store.reportDone(anonymous.id, note: "已整改", on: Self.day("2026-03-03"), actor: "SWJ")
            _ = try await store.verify(anonymous.id, note: nil, on: Self.day("2026-03-04"), actor: "office")
            await #expect(throws: ProblemError.anonymous(anonymous.id)) {
                try await store.reply(anonymous.id, note: "已告知", on: Self.day("2026-03-05"), actor: "office")
            }
            // Nobody to answer: from 核查 straight to 销号.
            #expect(try await store.close(anonymous.id, note: nil, on: Self.day("2026-03-05"), actor: "office").state == .closed)
            #expect(try await store.list(ProblemStore.Filter(department: "SWJ")).map(\.id) == [anonymous.id])
        }
    }
}
