import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Scoring runs, assessments and follow-ups")
struct ScoringStoreTests {
    /// Stores ballots the way the web form does, then closes the campaign.
    static func vote(_ fixture: CountyFixture, _ campaign: Campaign, _ invitations: [IssuedInvitation], grades: [[String: String]]) async throws {
        let store = BallotStore(pool: fixture.pool)
        for (invitation, ballot) in zip(invitations, grades) {
            let outcome = try await store.submit(
                tokenHash: invitation.token.hash,
                answers: BallotAnswers(grades: ballot.map { GradeAnswer(target: $0.key, question: "overall", option: $0.value) }),
            )
            #expect(outcome == .accepted)
        }
    }

    static let assessment = """
        部门代码,工号,组织领导,工作宣传,任务落实,工作亮点,备注
        SCJG,,90,80,85,70,
        XZSP,,80,80,80,80,
        SWJ,,60,70,65,50,
        ,G0101,100,100,100,100,单独考核
        """

    @Test("assessment import: every bad row by line, nothing written; a good file is idempotent")
    func assessmentImport() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = AssessmentStore(pool: fixture.pool)
            let bad = """
                部门代码,工号,组织领导,工作宣传,任务落实,工作亮点
                SCJG,,90,80,85,101
                ,,90,80,85,70
                SCJG,G0101,90,80,85,70
                NOPE,,90,80,85,70
                ,G9999,90,80,85,70.555
                """
            let parse = AssessmentFormat.parse(Data(bad.utf8), file: "a.csv")
            #expect(
                parse.issues.map(\.description) == [
                    "a.csv:2: 工作亮点: 「101」应为 0–100 的分数（最多两位小数）",
                    "a.csv:3: 须填写部门代码或工号之一",
                    "a.csv:4: 部门代码和工号只能填写一个",
                    "a.csv:6: 工作亮点: 「70.555」应为 0–100 的分数（最多两位小数）",
                ])
            let unknown = "部门代码,工号,组织领导,工作宣传,任务落实,工作亮点\nNOPE,,90,80,85,70\n,G9999,1,2,3,4\nSCJG,,1,2,3,4\n"
            let failure = await #expect(throws: InvalidFile.self) {
                try await store.importAssessment(AssessmentFormat.parse(Data(unknown.utf8), file: "u.csv"), year: 2026, actor: "test")
            }
            #expect(failure?.issues.map(\.description) == ["u.csv:2: 部门代码: 未知部门「NOPE」", "u.csv:3: 工号: 未知股室长「G9999」"])
            #expect(try fixture.count("SELECT count(*) FROM assessments") == 0)
            let first = try await store.importAssessment(AssessmentFormat.parse(Data(Self.assessment.utf8), file: "a.csv"), year: 2026, actor: "test")
            #expect(first.counts == [ImportCount(entity: "目标考核", inserted: 4, updated: 0, unchanged: 0)])
            let again = try await store.importAssessment(AssessmentFormat.parse(Data(Self.assessment.utf8), file: "a.csv"), year: 2026, actor: "test")
            #expect(again.counts == [ImportCount(entity: "目标考核", inserted: 0, updated: 0, unchanged: 4)])
            let changed = Self.assessment.replacingOccurrences(of: "SWJ,,60", with: "SWJ,,61")
            let third = try await store.importAssessment(AssessmentFormat.parse(Data(changed.utf8), file: "a.csv"), year: 2026, actor: "test")
            #expect(third.counts == [ImportCount(entity: "目标考核", inserted: 0, updated: 1, unchanged: 3)])
        }
    }

    @Test("a year scored from SQL counts; the same data gives the same run, more ballots a new one; publish freezes it")
    func scoringRuns() async throws {
        try await CountyFixture.withCounty { fixture in
            let (campaign, invitations) = try await fixture.openCampaign(.merchantReview)
            _ = try await AssessmentStore(pool: fixture.pool).importAssessment(
                AssessmentFormat.parse(Data(Self.assessment.utf8), file: "a.csv"), year: 2026, actor: "test")
            // Huawei (SCJG, XZSP) and Xiaomi (SWJ).
            let byKey = Dictionary(uniqueKeysWithValues: invitations.map { ($0.respondent.key, $0) })
            try await Self.vote(
                fixture, campaign, [byKey["914403001922038216"]!, byKey["91110108551385082Q"]!],
                grades: [
                    ["G0101": "satisfied", "G0102": "unsatisfied", "G0201": "basic"],
                    ["G0301": "unknown"],
                ])
            let campaigns = CampaignStore(pool: fixture.pool)
            _ = try await campaigns.transition(id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)

            let store = ScoringStore(pool: fixture.pool)
            let results = ScoringResultsStore(pool: fixture.pool)
            let first = try await store.score(year: 2026, actor: "test")
            #expect(first.isNew)
            #expect(first.inputs["grades"] == 4)
            #expect(first.inputs["merchantBallots"] == 2)
            #expect(first.notes.contains { $0.contains("没有评星定级活动") })
            let chief = Dictionary(uniqueKeysWithValues: first.scores.map { ($0.employeeNumber, $0) })
            #expect(chief["G0101"]?.counts == ["satisfied": 1])
            #expect(chief["G0101"]?.merchantScore == 100)
            #expect(chief["G0101"]?.assessmentScore == 100)  // the chief's own row wins
            #expect(chief["G0102"]?.unsatisfied == 1)
            #expect(chief["G0301"]?.n == 0)  // 不了解 is not counted
            #expect(first.scores.allSatisfy { $0.insufficientData && $0.rank == nil && !$0.flagged })  // n < 5 for everyone

            let same = try await store.score(year: 2026, actor: "test")
            #expect(!same.isNew)
            #expect(same.id == first.id)
            #expect(same.scores == first.scores)
            // Read back, a run withholds the small cells (everyone here has n < 5).
            let stored = try await results.run(year: 2026, runID: first.id)
            #expect(stored.scores == first.disclosed.scores)
            #expect(stored.scores.allSatisfy { $0.suppressed == true && $0.merchantScore == nil && $0.counts.isEmpty })

            // A policy change makes a new run and leaves the old one intact.
            let policy = try CountyFixture.shipped("policy.yaml").replacingOccurrences(of: "minBallots: 5", with: "minBallots: 1")
            _ = try await AppraisalStore(pool: fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p.yaml", actor: "test")
            let second = try await store.score(year: 2026, actor: "test")
            #expect(second.isNew)
            #expect(second.id != first.id)
            #expect(second.scores.contains { $0.rank != nil })
            #expect(try await results.run(year: 2026, runID: first.id).scores == first.disclosed.scores)
            #expect(try fixture.count("SELECT count(*) FROM scoring_runs") == 2)

            let (official, followUps) = try await store.publish(year: 2026, actor: "test")
            #expect(official == second.id)
            #expect(followUps == second.scores.filter(\.flagged).count)
            #expect(try fixture.count("SELECT count(*) FROM follow_ups") == followUps)
            await #expect(throws: AppraisalError.published(2026)) { try await store.score(year: 2026, actor: "test") }
            await #expect(throws: AppraisalError.published(2026)) { try await store.publish(year: 2026, actor: "test") }
            await #expect(throws: AppraisalError.published(2026)) {
                try await AppraisalStore(pool: fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p", actor: "test")
            }
            let connection = try fixture.database.connect()
            let frozen = #expect(throws: PostgresError.self) { try connection.query("UPDATE chief_results SET rank = 1") }
            #expect(frozen?.sqlState == "PY003")
            #expect(try await results.run(year: 2026).official)
        }
    }

    @Test("follow-ups are listed pending first and their outcome is recorded and audited")
    func followUps() async throws {
        try await CountyFixture.withCounty { fixture in
            let (campaign, invitations) = try await fixture.openCampaign(.merchantReview)
            let huawei = invitations.first { $0.respondent.key == "914403001922038216" }!
            try await Self.vote(fixture, campaign, [huawei], grades: [["G0101": "satisfied", "G0102": "unsatisfied", "G0201": "basic"]])
            _ = try await CampaignStore(pool: fixture.pool).transition(id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            let policy = try CountyFixture.shipped("policy.yaml").replacingOccurrences(of: "minBallots: 5", with: "minBallots: 1")
            _ = try await AppraisalStore(pool: fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p.yaml", actor: "test")
            _ = try await ScoringStore(pool: fixture.pool).score(year: 2026, actor: "test")
            _ = try await ScoringStore(pool: fixture.pool).publish(year: 2026, actor: "test")
            let store = FollowUpStore(pool: fixture.pool)
            let items = try await store.list(year: 2026)
            let g0102 = try #require(items.first { $0.employeeNumber == "G0102" })
            #expect(g0102.action == .organizationalHandling)  // 1/1 unsatisfied ≥ 2/3
            #expect(g0102.status == .pending)
            await #expect(throws: FollowUpError.noteRequired) { try await store.record(id: g0102.id, status: .done, note: "  ", actor: "test") }
            await #expect(throws: FollowUpError.statusRequired) { try await store.record(id: g0102.id, status: .pending, note: "x", actor: "test") }
            await #expect(throws: FollowUpError.notFound(9999)) { try await store.record(id: 9999, status: .done, note: "x", actor: "test") }
            let done = try await store.record(id: g0102.id, status: .done, note: "已调整岗位", actor: "office")
            #expect(done.status == .done)
            #expect(done.outcome == "已调整岗位")
            #expect(done.recordedBy == "office")
            #expect(try await store.list(status: .pending).allSatisfy { $0.id != g0102.id })
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action = 'followup.record' AND actor = 'office'") == 1)
            // A second record does not erase the first: both are in the history, in order.
            _ = try await store.record(id: g0102.id, status: .waived, note: "经复核免予处理", actor: "office2")
            let history = try await store.history(id: g0102.id)
            #expect(history.map(\.note) == ["已调整岗位", "经复核免予处理"])
            #expect(history.map(\.status) == [.done, .waived] && history.map(\.by) == ["office", "office2"])
            await #expect(throws: FollowUpError.notFound(9999)) { try await store.history(id: 9999) }
        }
    }

    @Test("guards: no scoring while a campaign is open, a dry run stores nothing, and only the latest run ranking somebody is published")
    func guards() async throws {
        try await CountyFixture.withCounty { fixture in
            let (campaign, invitations) = try await fixture.openCampaign(.merchantReview)
            let store = ScoringStore(pool: fixture.pool)
            await #expect(throws: AppraisalError.campaignsOpen(year: 2026, campaigns: ["活动 \(campaign.id)「客商评议股室长」"])) {
                try await store.score(year: 2026, actor: "test")
            }
            let byKey = Dictionary(uniqueKeysWithValues: invitations.map { ($0.respondent.key, $0) })
            try await Self.vote(
                fixture, campaign, [byKey["914403001922038216"]!], grades: [["G0101": "satisfied", "G0102": "basic", "G0201": "basic"]])
            _ = try await CampaignStore(pool: fixture.pool).transition(id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)

            let trial = try await store.score(year: 2026, actor: "test", dryRun: true)
            #expect(trial.id == 0 && !trial.isNew && trial.scores.count == 4)
            #expect(try fixture.count("SELECT count(*) FROM scoring_runs") == 0)

            // minBallots 5: nobody is ranked, so publishing would freeze an empty year.
            let empty = try await store.score(year: 2026, actor: "test")
            await #expect(throws: AppraisalError.nobodyRanked(year: 2026, run: empty.id)) { try await store.publish(year: 2026, actor: "test") }
            let policy = try CountyFixture.shipped("policy.yaml").replacingOccurrences(of: "minBallots: 5", with: "minBallots: 1")
            _ = try await AppraisalStore(pool: fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p.yaml", actor: "test")
            let ranked = try await store.score(year: 2026, actor: "test")
            await #expect(throws: AppraisalError.notLatestRun(year: 2026, run: empty.id, latest: ranked.id)) {
                try await store.publish(year: 2026, runID: empty.id, actor: "test")
            }
            #expect(try fixture.count("SELECT count(*) FROM appraisal_years WHERE published_at IS NOT NULL") == 0)
            #expect(try await store.publish(year: 2026, actor: "test").run == ranked.id)
            await #expect(throws: AppraisalError.published(2026)) { try await store.score(year: 2026, actor: "test") }
            let standing = try await AppraisalStore(pool: fixture.pool).standing()[2026]
            #expect(standing?.officialRun == ranked.id && standing?.latestRun == ranked.id && standing?.publishedOn?.count == 10)

            // Taken back with a reason: scoring works again, the follow-ups are kept as withdrawn.
            let made = try fixture.count("SELECT count(*) FROM follow_ups WHERE year = 2026")
            await #expect(throws: AppraisalError.reasonRequired) { try await store.unpublish(year: 2026, reason: " ", actor: "test") }
            #expect(try await store.unpublish(year: 2026, reason: "考核数据录入有误，重新计分", actor: "test") == made)
            await #expect(throws: AppraisalError.notPublished(2026)) { try await store.unpublish(year: 2026, reason: "again", actor: "test") }
            #expect(
                try fixture.count("SELECT count(*) FROM follow_ups WHERE year = 2026 AND status = 'withdrawn' AND outcome LIKE '%考核数据录入有误%'") == made)
            #expect(try fixture.count("SELECT count(*) FROM scoring_runs WHERE year = 2026") == 2)  // the runs stay as history
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action = 'appraisal.unpublish'") == 1)
            #expect(try fixture.count("SELECT count(*) FROM follow_up_records WHERE status = 'withdrawn' AND note LIKE '%考核数据录入有误%'") == made)
            if let withdrawn = try await FollowUpStore(pool: fixture.pool).list(year: 2026).first {
                await #expect(throws: FollowUpError.withdrawn(withdrawn.id)) {
                    try await FollowUpStore(pool: fixture.pool).record(id: withdrawn.id, status: .done, note: "已谈话", actor: "test")
                }
            }
            _ = try await store.score(year: 2026, actor: "test")
            #expect(try await store.publish(year: 2026, actor: "test").run == ranked.id)
            #expect(try fixture.count("SELECT count(*) FROM follow_ups WHERE year = 2026 AND status = 'pending'") == made)
        }
    }
}
