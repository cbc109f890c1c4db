import Foundation
import PingyiCore
import PingyiStore

/// A year of the demo county's problem ledger: problems from every channel across the
/// departments from January to the demo's "today" (2026-11-20), handled through the chain with
/// working-day deadlines — most on time, some late, some sent back, a few still open and
/// overdue, replies with callbacks — so the ledger, the monthly report and the quarterly ranking
/// show something real. Deterministic (seeded); made once.
enum DemoLedger {
    static let end = CivilDate(year: 2026, month: 11, day: 20)!
    /// What merchants report, each with the department it goes to (the one that handles it).
    static let descriptions: [(ProblemChannel, BusinessEnvironment, String, String)] = [
        (.hotline, .government, "办理营业执照变更需往返窗口三次，材料要求前后不一。", "SCJG"),
        (.hotline, .government, "不动产登记预约号源紧张，企业需排队两周。", "ZRZY"),
        (.complaintLine, .legal, "同一事项一个月内被不同科室检查三次。", "YJJ"),
        (.mailbox, .policy, "稳岗补贴申报后三个月未到账，无人告知进度。", "RSJ"),
        (.breakfast, .factors, "园区用电增容审批时间长，影响新生产线投产。", "FGJ"),
        (.inspection, .government, "明察暗访发现窗口工作人员午休期间无人值守。", "XZSP"),
        (.hotline, .politicalBusiness, "项目验收时被要求到指定机构检测。", "ZJJ"),
        (.mailbox, .factors, "招工难，希望人社部门组织专场招聘。", "RSJ"),
        (.complaintLine, .policy, "惠企政策兑现需重复提交已共享的证照材料。", "GXJ"),
        (.breakfast, .legal, "建设项目环评审批时限长，企业多次补充材料。", "STHJ"),
        (.other, .government, "电子税务局申报高峰期频繁卡顿。", "SWJ"),
    ]
    /// The department slower than the rest (more late, more sent back), and the one with the
    /// complaint sat on from August: a law-enforcement department.
    static let weakDepartment = "STHJ"

    /// Adds the year's problems when the ledger is empty. Returns how many.
    static func run(store: ProblemStore, departments: [String], actor: String) async throws -> Int {
        guard try await store.list().isEmpty, !departments.isEmpty else { return 0 }
        var random = SeededRandom(seed: SeededRandom.seed("demo-ledger-2026"))
        var made = 0
        for month in 1...11 {
            for _ in 0..<6 {
                let (channel, environment, text, code) = descriptions.randomElement(using: &random)!
                let received = CivilDate(year: 2026, month: month, day: Int.random(in: 1...26, using: &random))!
                guard received < end.adding(days: -10) else { continue }
                let reporter = Double.random(in: 0..<1, using: &random) < 0.75 ? ["张先生", "李女士", "王经理", "赵会计"].randomElement(using: &random) : nil
                let problem = try await store.add(
                    channel: channel, environment: environment, description: text, receivedOn: received, reporter: reporter, actor: actor)
                made += 1
                // The department that handles it (the first of the county's when it has no such one);
                // the weak department is slower and sent back more often.
                let department = departments.contains(code) ? code : departments[0]
                let weak = department == weakDepartment
                let assignedOn = received.adding(days: Int.random(in: 0...2, using: &random))
                let assigned = try await store.assign(problem.id, department: department, on: assignedOn, actor: actor)
                guard let due = assigned.dueOn else { continue }
                // How long the department takes: most within the deadline, the weak one often not.
                let roll = Double.random(in: 0..<1, using: &random)
                let late = weak ? roll < 0.45 : roll < 0.12
                var done =
                    late
                    ? due.adding(days: Int.random(in: 2...12, using: &random))
                    : assignedOn.adding(days: Int.random(in: 1...max(1, assignedOn.days(until: due)), using: &random))
                if done >= end {
                    continue  // still being handled (overdue when past its due day)
                }
                _ = try await store.reportDone(problem.id, note: "已办理并答复企业。", on: done, actor: "部门")
                if Double.random(in: 0..<1, using: &random) < (weak ? 0.35 : 0.1) {
                    let back = done.adding(days: 1)
                    guard back < end else { continue }
                    _ = try await store.sendBack(problem.id, note: "督查发现未实际解决，退回重办。", on: back, actor: actor)
                    done = back.adding(days: Int.random(in: 2...6, using: &random))
                    guard done < end else { continue }
                    _ = try await store.reportDone(problem.id, note: "已重新办理。", on: done, actor: "部门")
                }
                let verified = done.adding(days: 1)
                guard verified < end else { continue }
                _ = try await store.verify(problem.id, note: "核查属实。", on: verified, actor: actor)
                guard reporter != nil else {
                    if verified.adding(days: 1) < end { _ = try await store.close(problem.id, note: nil, on: verified.adding(days: 1), actor: actor) }
                    continue
                }
                guard verified.adding(days: 3) < end else { continue }
                _ = try await store.reply(problem.id, note: "已电话告知办理结果。", on: verified.adding(days: 1), actor: actor)
                let callbackRoll = Double.random(in: 0..<1, using: &random)
                let callback: CallbackSatisfaction =
                    callbackRoll < (weak ? 0.45 : 0.7)
                    ? .satisfied : callbackRoll < 0.85 ? .basicallySatisfied : callbackRoll < 0.95 ? .dissatisfied : .notReached
                _ = try await store.callback(
                    problem.id, callback, note: callback == .dissatisfied ? "企业反映问题未实际解决。" : nil, on: verified.adding(days: 2), actor: actor)
                if callback != .dissatisfied {
                    _ = try await store.close(problem.id, note: nil, on: verified.adding(days: 3), actor: actor)
                }
            }
        }
        // One complaint the weak department sat on from August to November: its months end with
        // an item far past due, so the monthly reports show a 约谈提醒.
        let weak = departments.contains(weakDepartment) ? weakDepartment : departments[0]
        let stuck = try await store.add(
            channel: .complaintLine, environment: .legal, description: "企业反映执法检查中被要求停产整改，但未出具书面文书。",
            receivedOn: CivilDate(year: 2026, month: 8, day: 3)!, reporter: "孙经理", actor: actor)
        _ = try await store.assign(stuck.id, department: weak, on: CivilDate(year: 2026, month: 8, day: 3)!, actor: actor)
        _ = try await store.reportDone(stuck.id, note: "已补发书面文书并撤销停产要求。", on: CivilDate(year: 2026, month: 11, day: 10)!, actor: "部门")
        _ = try await store.verify(stuck.id, note: "核查属实。", on: CivilDate(year: 2026, month: 11, day: 11)!, actor: actor)
        _ = try await store.reply(stuck.id, note: "已当面告知办理结果。", on: CivilDate(year: 2026, month: 11, day: 12)!, actor: actor)
        _ = try await store.callback(
            stuck.id, .dissatisfied, note: "企业反映停产期间的损失无人过问。", on: CivilDate(year: 2026, month: 11, day: 13)!, actor: actor)
        // And one waiting at each step the office or a department still has to take on the demo's
        // "today": 待交办, 待核查 and 待反馈销号, so every state of the ledger shows.
        func handling(_ code: String) -> String { departments.contains(code) ? code : departments[0] }
        _ = try await store.add(
            channel: .breakfast, environment: .factors, description: "早餐会上企业反映园区道路破损，货车进出困难。",
            receivedOn: CivilDate(year: 2026, month: 11, day: 18)!, reporter: "刘总", actor: actor)
        let done = try await store.add(
            channel: .hotline, environment: .government, description: "企业反映社保登记需线下重复提交材料。",
            receivedOn: CivilDate(year: 2026, month: 11, day: 10)!, reporter: nil, actor: actor)
        _ = try await store.assign(done.id, department: handling("RSJ"), on: CivilDate(year: 2026, month: 11, day: 10)!, actor: actor)
        _ = try await store.reportDone(done.id, note: "已实现线上一次提交。", on: CivilDate(year: 2026, month: 11, day: 16)!, actor: "部门")
        let verified = try await store.add(
            channel: .mailbox, environment: .policy, description: "企业反映首台套奖励申报指南未公开。",
            receivedOn: CivilDate(year: 2026, month: 11, day: 3)!, reporter: "周经理", actor: actor)
        _ = try await store.assign(verified.id, department: handling("GXJ"), on: CivilDate(year: 2026, month: 11, day: 4)!, actor: actor)
        _ = try await store.reportDone(verified.id, note: "已在政府网站公开申报指南。", on: CivilDate(year: 2026, month: 11, day: 12)!, actor: "部门")
        _ = try await store.verify(verified.id, note: "核查属实。", on: CivilDate(year: 2026, month: 11, day: 13)!, actor: actor)
        return made + 4
    }
}
