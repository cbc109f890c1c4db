import Foundation
import Testing

@testable import PingyiCore

/// The rules that used to live in the stores, now pure: which answers are signed clues, the
/// follow-up plan of a publication, a department's figures from its chiefs.
@Suite("Domain rules moved out of the stores")
struct DomainRulesTests {
    static func chief(
        _ number: String, department: String = "D1", rank: Int?, composite: Double?, flags: [FlagEvidence] = [],
        action: FollowUpAction? = nil, ownAssessment: Bool = false, assessment: Double? = 80
    ) -> ChiefScore {
        ChiefScore(
            employeeNumber: number, name: "股长\(number)", departmentCode: department, departmentName: "部门", section: "股", position: "股长",
            n: 10, counts: [:], merchantScore: nil, unsatisfied: 0, unsatisfiedShare: nil, unsatisfiedInterval: nil, starScore: 84,
            starLevel: 4, assessmentScore: assessment, ownAssessment: ownAssessment, composite: composite, components: [],
            compositeNote: nil, insufficientData: rank == nil, rank: rank, departmentRank: nil, bottom: false, flags: flags, action: action,
            actionReason: action == nil ? nil : "本年度被认定为不满意")
    }

    @Test("a signed ballot's clues leave the sealed part; an unsigned ballot keeps them sealed")
    func signedClues() throws {
        let template = try SurveyTemplate.parse(try String(contentsOf: Self.shipped("star-rating.yaml"), encoding: .utf8), file: "star-rating.yaml")
        #expect(template.clueQuestions == ["clue"])
        let clue = TextAnswer(target: "SCJG", question: "clue", text: "窗口推诿")
        let stars = [StarAnswer(target: "SCJG", question: "satisfaction", stars: 3)]
        let signed = BallotAnswers(stars: stars, texts: [clue], signed: true)
        let (sealed, released) = signed.separatingSignedClues(clueQuestions: template.clueQuestions)
        #expect(released == [clue])
        #expect(sealed.texts.isEmpty && sealed.stars == stars && sealed.signed)
        let unsigned = BallotAnswers(stars: stars, texts: [clue])
        let (kept, none) = unsigned.separatingSignedClues(clueQuestions: template.clueQuestions)
        #expect(none.isEmpty && kept == unsigned)
    }

    @Test("publishing plans a follow-up per flagged chief with a measure, due the ladder's days after the day (county days)")
    func followUpPlan() throws {
        let policy = try ScoringPolicy.parse(try String(contentsOf: Self.shipped("policy.yaml"), encoding: .utf8), file: "policy.yaml")
        let evidence = FlagEvidence(rule: "bottomRank", text: "综合排名倒数第 1")
        let scores = [
            Self.chief("A", rank: 1, composite: 90),
            Self.chief("B", rank: 9, composite: 70, flags: [evidence], action: .organizationalHandling),
            Self.chief("C", rank: 8, composite: 72, flags: [evidence], action: .admonishmentTalk),
            Self.chief("E", rank: 7, composite: 73, flags: [evidence]),  // flagged, no measure: nothing to follow up
        ]
        let day = CivilDate(year: 2026, month: 12, day: 28)!
        let plan = FollowUpPlan.make(scores: scores, policy: policy, publishedOn: day)
        #expect(plan.map(\.employeeNumber) == ["B", "C"])
        #expect(plan[0].dueOn.description == "2027-02-26")  // 组织处理: 60 days
        #expect(plan[1].dueOn.description == "2027-01-27")  // 诫勉谈话: 30 days
        #expect(plan[0].reason == "本年度被认定为不满意；综合排名倒数第 1")
        // A measure the edited ladder no longer has gets the fallback.
        var edited = policy
        edited.followUp.removeAll { $0.action == .organizationalHandling }
        #expect(FollowUpPlan.make(scores: scores, policy: edited, publishedOn: day)[0].dueOn.description == "2027-01-27")
    }

    @Test("a department's figures: stars of its chiefs, its own assessment, the mean of ranked composites, flagged count, response rate")
    func departmentResult() {
        let chiefs = [
            Self.chief("A", rank: 1, composite: 90, ownAssessment: true, assessment: 95),
            Self.chief("B", rank: 3, composite: 80, flags: [FlagEvidence(rule: "bottomRank", text: "倒数")]),
            Self.chief("C", rank: nil, composite: 50),  // not ranked: not in the mean
        ]
        let result = DepartmentResult.make(code: "D1", name: "部门", chiefs: chiefs, invited: 8, responded: 6)
        #expect(result.meanComposite == 85)
        #expect(result.assessmentScore == 80)  // the department's, not A's own 95
        #expect(result.starScore == 84 && result.starLevel == 4)
        #expect(result.chiefs == 3 && result.flagged == 1 && result.responseRate == 0.75)
        let empty = DepartmentResult.make(code: "D2", name: "空", chiefs: [], invited: 0, responded: 0)
        #expect(empty.meanComposite == nil && empty.responseRate == 0 && empty.starScore == nil)
    }

    static func shipped(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SurveyTemplates").appendingPathComponent(name)
    }
}
