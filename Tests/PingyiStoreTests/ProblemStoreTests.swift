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
            let closed = try await store.verify(problem.id, note: "核查属实", on: Self.day("2026-03-09"), actor: "office")
            #expect(closed.state == .closed && closed.closedOn == Self.day("2026-03-09"))
            let replied = try await store.reply(problem.id, note: "已告知办理结果", callback: .satisfied, on: Self.day("2026-03-10"), actor: "office")
            #expect(replied.callback == .satisfied)
            let history = try await store.show(problem.id).history
            #expect(history.map(\.step) == [.receive, .assign, .reportDone, .sendBack, .reportDone, .verify, .reply])
            #expect(history[1].dueOn == Self.day("2026-03-09") && history[3].note == "未回复企业")
            // Seven steps, and two for the problem assigned before the calendar.
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action LIKE 'problem.%'") == 9)
            // The database keeps the same rules whoever writes.
            let connection = try fixture.database.connect()
            #expect(throws: PostgresError.self) { try connection.query("UPDATE problems SET state = 'received' WHERE id = \(problem.id)") }
            #expect(throws: PostgresError.self) { try connection.query("UPDATE problem_steps SET note = 'x' WHERE problem_id = \(problem.id)") }
            #expect(throws: PostgresError.self) { try connection.query("DELETE FROM problems WHERE id = \(problem.id)") }
            // The month's report from the histories.
            let march = try await store.monthly(LedgerMonth(year: 2026, month: 3)!)
            let scjg = try #require(march.first { $0.code == "SCJG" })
            #expect((scjg.assigned, scjg.closed, scjg.closedOnTime, scjg.sentBack, scjg.replied, scjg.satisfied) == (1, 1, 1, 1, 1, 1))
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
                try await store.reply(anonymous.id, note: "已告知", callback: .satisfied, on: Self.day("2026-03-05"), actor: "office")
            }
            #expect(try await store.list(ProblemStore.Filter(department: "SWJ")).map(\.id) == [anonymous.id])
        }
    }
}
