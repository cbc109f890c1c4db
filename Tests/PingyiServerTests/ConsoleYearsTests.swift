import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiStore
import PingyiTestSupport
import Testing

@testable import PingyiServer

/// 年度工作台 through HTTP: a new year and its campaigns, the steps with what blocks them, 试算
/// that stores nothing, 正式计分, 发布 and 撤回发布 — the same refusals as the command line, audited
/// under the staff member's name.
@Suite("Year workbench")
struct ConsoleYearsTests {
    @Test("a new year and a campaign from the console; bad input is a 4xx in Chinese and changes nothing; other roles cannot reach it")
    func newYear() async throws {
        try await ConsolePagesTests.withOffice { office in
            let list = try await office.get("/console/years", as: .admin)
            #expect(list.status == .ok && list.text.contains("2026") && list.text.contains("2027") && list.text.contains(#"value="2028""#))
            for bad in ["abc", "1999", "２０２８", ""] {
                let refused = try await office.post("/console/years", [("year", bad)], as: .admin)
                #expect(refused.status == .unprocessableContent && refused.text.contains("年度须是"), "\(bad)")
            }
            let made = try await office.post("/console/years", [("year", "2028"), ("title", "")], as: .admin)
            #expect(made.status == .seeOther && made.headers[.location] == "/console/years/2028?done=year")
            #expect(try await office.post("/console/years", [("year", "2028")], as: .admin).status == .conflict)
            #expect(try office.server.fixture.count("SELECT count(*) FROM audit_log WHERE actor = 'staff:admin1' AND action LIKE 'appraisal.%'") >= 1)
            let page = try await office.get("/console/years/2028", as: .admin).text
            #expect(page.contains("2028 年度工作台") && page.contains("尚未导入 2028 年度的企业办事记录") && page.contains("本年度还没有结束的评议活动，无从计分"))
            let badTime = try await office.post(
                "/console/years/2028/campaigns", [("kind", "starRating"), ("opensAt", "明天上午")], as: .admin)
            #expect(badTime.status == .unprocessableContent && badTime.text.contains("应写作 2027-01-05 09:00"))
            #expect(try await office.post("/console/years/2028/campaigns", [("kind", "other")], as: .admin).status == .badRequest)
            let campaign = try await office.post(
                "/console/years/2028/campaigns", [("kind", "starRating"), ("opensAt", "2028-01-05T09:00"), ("closesAt", "2028-01-20T17:30")],
                as: .admin)
            #expect(campaign.status == .seeOther)
            let created = try #require(try await CampaignStore(pool: office.server.fixture.pool).list(year: 2028).first)
            #expect(created.kind == .starRating && created.state == .draft)
            #expect(created.opensAt == ISO8601DateFormatter().date(from: "2028-01-05T01:00:00Z"))
            #expect(try await office.post("/console/years/2028/campaigns", [("kind", "starRating")], as: .admin).status == .conflict)
            let withCampaign = try await office.get("/console/years/2028", as: .admin).text
            #expect(withCampaign.contains("评星定级（活动 \(created.id)）") && withCampaign.contains("confirm?action=open"))
            #expect(!withCampaign.contains(#"<option value="starRating">"#))  // one campaign of a kind a year
            #expect(!withCampaign.contains("计票公钥指纹"))  // a draft has no key yet: no empty label
            #expect(withCampaign.contains(#"name="opensAt" value="2028-01-05T09:00""#))
            // Planned times change while a draft, and only then; a closing before the opening is refused.
            let moved = try await office.post(
                "/console/campaigns/\(created.id)/schedule", [("opensAt", "2028-01-06T08:30"), ("closesAt", "2028-01-25T17:00")], as: .admin)
            #expect(moved.status == .seeOther)
            #expect(try await office.get("/console/years/2028", as: .admin).text.contains(#"name="opensAt" value="2028-01-06T08:30""#))
            let backwards = try await office.post(
                "/console/campaigns/\(created.id)/schedule", [("opensAt", "2028-01-26T08:30"), ("closesAt", "2028-01-25T17:00")], as: .admin)
            #expect(backwards.status == .unprocessableContent)
            // An open campaign taking answers keeps its start; its closing moves (later, or sooner), not into the past.
            let started = try await office.post("/console/campaigns/\(office.star.id)/schedule", [("opensAt", "2028-01-06T08:30")], as: .admin)
            #expect(started.status == .conflict && started.text.contains("已在接受提交，开始时间不能再改"))
            let past = try await office.post("/console/campaigns/\(office.star.id)/schedule", [("closesAt", "2020-01-06T08:30")], as: .admin)
            #expect(past.status == .unprocessableContent && past.text.contains("新的结束时间须晚于现在"))
            let extended = try await office.post("/console/campaigns/\(office.star.id)/schedule", [("closesAt", "2099-01-06T17:00")], as: .admin)
            #expect(extended.status == .seeOther && extended.headers[.location] == "/console/years/2027?done=schedule#campaigns")
            #expect(try await office.get("/console/years/2027?done=schedule", as: .admin).text.contains("计划时间已保存"))
            #expect(
                try office.server.fixture.count("SELECT count(*) FROM audit_log WHERE actor = 'staff:admin1' AND action = 'campaign.schedule'") == 2)
            // Opened ahead of its planned start: the office chooses to take answers at once, and the start becomes now.
            let confirmOpen = try await office.get("/console/campaigns/\(created.id)/confirm?action=open", as: .admin).text
            #expect(confirmOpen.contains("现在就开始接受提交") && confirmOpen.contains("本活动还没有发放邀请"))
            let publicKey = BallotOpeningKey.generate().sealingKey.rawRepresentation.base64EncodedString()
            let opened = try await office.post(
                "/console/campaigns/\(created.id)/state", [("to", "open"), ("publicKey", publicKey), ("start", "now")], as: .admin)
            #expect(opened.status == .ok && opened.text.contains("已开始接受提交"), "\(opened.text)")
            let nowOpen = try #require(try await CampaignStore(pool: office.server.fixture.pool).find(id: created.id))
            let opensAt = try #require(nowOpen.opensAt)
            #expect(nowOpen.state == .open && abs(opensAt.timeIntervalSinceNow) < 60)
            #expect(try await office.get("/console/years/2028", as: .admin).text.contains("计票公钥指纹"))
            for role in [APIRole.orgdept, .hr] {
                #expect(try await office.get("/console/years/2028", as: role).status != .ok)
                #expect(try await office.post("/console/years", [("year", "2029")], as: role).status != .seeOther)
            }
            #expect(try await office.get("/console/years/1999", as: .admin).status == .notFound)
        }
    }

    @Test("scoring waits for open campaigns; 试算 stores nothing; 正式计分, 发布, 撤回发布 with a reason; a double click answers the same")
    func scoreAndPublish() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            // 2027's 评星定级 is open: the year waits, and a forged POST is refused the same way.
            let open = try await office.get("/console/years/2027", as: .admin).text
            #expect(open.contains("评星定级活动仍在进行，结束后才能计分") && !open.contains("/console/years/2027/trial"))
            #expect(try await office.post("/console/years/2027/trial", [], as: .admin).status == .conflict)
            #expect(try await office.post("/console/years/2027/score", [], as: .admin).status == .conflict)
            // 2026 is published: withdrawing needs a reason.
            let runs = try fixture.count("SELECT count(*) FROM scoring_runs")
            #expect(try await office.get("/console/years/2026", as: .admin).text.contains("confirm?action=unpublish"))
            #expect(try await office.post("/console/years/2026/trial", [], as: .admin).status == .conflict)  // published: withdraw first
            let noReason = try await office.post("/console/years/2026/unpublish", [("reason", " ")], as: .admin)
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("须填写理由"))
            let withdrawn = try await office.post("/console/years/2026/unpublish", [("reason", "核对目标考核分数")], as: .admin)
            #expect(withdrawn.status == .ok && withdrawn.text.contains("已撤回发布"))
            // With a minimum no chief reaches, the trial says first that such a ranking cannot be
            // published, and no chief shows a figure made from merchants' answers: 「有效票不足」 in
            // place of each composite, as on the published pages.
            let connection = try fixture.database.connect()
            try connection.query("CREATE TEMP TABLE kept AS SELECT policy_yaml, policy_sha256 FROM appraisal_years WHERE year = 2026")
            try connection.query(
                """
                UPDATE appraisal_years SET policy_yaml = regexp_replace(policy_yaml, 'minBallots: [0-9]+', 'minBallots: 1000'),
                policy_sha256 = encode(sha256(convert_to(regexp_replace(policy_yaml, 'minBallots: [0-9]+', 'minBallots: 1000'), 'UTF8')), 'hex')
                WHERE year = 2026
                """)
            let empty = try await office.post("/console/years/2026/trial", [], as: .admin)
            let chiefs = try fixture.count("SELECT count(*) FROM chief_results WHERE run_id = (SELECT max(id) FROM scoring_runs WHERE year = 2026)")
            #expect(empty.status == .ok && empty.text.contains("没有一名达到最低有效票数（每人至少 1000 张）"))
            #expect(chiefs > 0 && empty.text.components(separatedBy: "<td>有效票不足</td>").count - 1 == chiefs)
            let warned = try await office.get("/console/years/2026/confirm?action=score", as: .admin)
            #expect(warned.text.contains("确认正式计分") && warned.text.contains("按现有数据试算：本次计分没有一名股室长进入排名"))
            try connection.query(
                "UPDATE appraisal_years y SET policy_yaml = k.policy_yaml, policy_sha256 = k.policy_sha256 FROM kept k WHERE y.year = 2026")
            let trial = try await office.post("/console/years/2026/trial", [], as: .admin)
            #expect(trial.status == .ok && trial.text.contains("试算 · 未保存") && trial.text.contains("综合得分") && !trial.text.contains("没有一名达到"))
            #expect(try fixture.count("SELECT count(*) FROM scoring_runs") == runs)
            let confirm = try await office.get("/console/years/2026/confirm?action=score", as: .admin)
            #expect(confirm.text.contains("确认正式计分") && !confirm.text.contains("按现有数据试算"))
            let scored = try await office.post("/console/years/2026/score", [], as: .admin)
            #expect(scored.status == .ok && scored.text.contains("正式计分完成"))
            let published = try await office.post("/console/years/2026/publish", [], as: .admin)
            #expect(published.status == .ok && published.text.contains("已发布") && published.text.contains("整改措施"))
            let again = try await office.post("/console/years/2026/publish", [], as: .admin)
            #expect(again.status == .ok && again.text.contains("已发布"))
            #expect(try await office.get("/console/ranking?year=2026", as: .orgdept).text.contains("2026"))
            // The last step, 导出与通报, is done once someone downloads the personnel list after publishing; audited.
            #expect(try await office.get("/console/years/2026", as: .admin).text.contains("在人员名单下载 Excel 交人事"))
            let list = try await office.get("/console/personnel.xlsx?year=2026", as: .hr)
            #expect(list.status == .ok)
            #expect(try await office.get("/console/years/2026", as: .admin).text.contains("人员名单已下载交人事"))
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action = 'export.personnel' AND subject = 'appraisal 2026'") == 1)
            #expect(
                try fixture.count(
                    "SELECT count(*) FROM audit_log WHERE actor = 'staff:admin1' AND action IN ('appraisal.unpublish', 'appraisal.publish', 'score')"
                )
                    >= 2)
            #expect(try await office.get("/console/years/2026/confirm?action=nothing", as: .admin).status == .badRequest)
        }
    }

    @Test("the steps: each waits for the one before, and says why")
    func steps() {
        let facts = YearFacts(
            year: 2027, chiefs: 120, merchants: 0, supervisors: 33,
            campaigns: [.init(id: 5, kind: .starRating, state: .open, issued: 33, used: 20)], assessedDepartments: 0, latestRun: nil,
            published: false)
        let steps = YearSteps.steps(facts)
        #expect(steps.map(\.name) == ["名册", "企业与办事记录", "监督员", "活动", "结束并计票", "目标考核", "试算", "正式计分", "发布", "导出与通报"])
        #expect(steps[0].state == .done && steps[1].state == .next && steps[2].state == .done)
        #expect(steps[6].blocked == "评星定级活动仍在进行，结束后才能计分" && steps[6].state == .waiting)
        #expect(steps[8].blocked == "尚未正式计分，计分后才能发布")
        #expect(steps[9].blocked == "发布后才能导出" && steps[9].state == .waiting)
        var closed = facts
        closed.campaigns[0].state = .closed
        closed.merchants = 400
        #expect(YearSteps.scoringBlock(closed) == nil)
        #expect(YearSteps.steps(facts)[3].state == .running && YearSteps.steps(facts)[3].label == "进行中")
        // A run that ranks nobody: 发布 waits, and says why and what to do.
        closed.latestRun = 12  // the run's id; people are shown its number within the year
        closed.latestRunNumber = 2
        closed.latestRanked = 0
        closed.minBallots = 5
        #expect(YearSteps.publishingBlock(closed)?.contains("每名股室长至少需要 5 张有效票") == true)
        #expect(YearSteps.steps(closed)[8].state == .waiting && YearSteps.steps(closed)[7].detail == "已正式计分（第 2 次）：排名 0 名")
        #expect(YearSteps.publishingBlock(closed)?.hasPrefix("第 2 次计分没有一名股室长进入排名") == true)
        #expect(YearSteps.rankingWarning(ranked: 0, chiefs: 40, minBallots: 5)?.contains("不能发布") == true)
        #expect(YearSteps.rankingWarning(ranked: 3, chiefs: 40, minBallots: 5) == nil)
        closed.latestRanked = 30
        #expect(YearSteps.publishingBlock(closed) == nil)
        closed.published = true
        #expect(YearSteps.scoringBlock(closed)?.contains("撤回发布") == true)
        #expect(YearSteps.steps(closed)[9].state != .done && YearSteps.steps(closed)[9].blocked == nil)
        // A counted campaign shows when it really ended, not what was planned.
        let planned = ISO8601DateFormatter().date(from: "2027-01-20T09:30:00Z")!
        let counted = ISO8601DateFormatter().date(from: "2027-01-25T02:00:00Z")!
        var fact = YearFacts.CampaignFact(id: 5, kind: .starRating, state: .open, issued: 33, used: 20, closesAt: planned)
        #expect(ConsoleYearPage.plan(fact) == "开始 未定，结束 2027年1月20日 17:30")
        fact.state = .closed
        fact.closedAt = counted
        #expect(ConsoleYearPage.plan(fact) == "开始 未定，已于 2027年1月25日 10:00 结束并计票")
        // A campaign of the joint count closed but not yet counted: 结束并计票 is under way, scoring waits and says for what.
        fact.awaitingCount = true
        #expect(ConsoleYearPage.plan(fact) == "开始 未定，已于 2027年1月25日 10:00 结束，等待联合计票")
        var waiting = facts
        waiting.merchants = 400
        waiting.campaigns = [fact]
        #expect(YearSteps.scoringBlock(waiting) == "评星定级活动等待各保管单位提交密钥份额，联合计票完成后才能计分")
        #expect(YearSteps.steps(waiting)[4].state == .running && YearSteps.steps(waiting)[4].detail.contains("等待各保管单位提交密钥份额"))
        #expect(YearSteps.steps(waiting)[6].state == .waiting)
        closed.exported = true
        #expect(YearSteps.steps(closed)[9].state == .done && YearSteps.steps(closed)[9].detail.contains("人员名单已下载交人事"))
    }
}
