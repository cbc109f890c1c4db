import Foundation
import PingyiCore
import Testing

@Suite("Scoring policy")
struct ScoringPolicyTests {
    private func issues(_ text: String) -> [String] {
        do {
            _ = try ScoringPolicy.parse(text, file: "p.yaml")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test("the shipped policy holds the defaults README lists")
    func defaults() throws {
        let policy = try ScoringPolicy.parse(try SurveyTemplateTests.shipped("policy.yaml"), file: "policy.yaml")
        #expect(policy.weights == ComponentWeights(merchantReview: Fraction(1, 2)!, starRating: Fraction(1, 5)!, assessment: Fraction(3, 10)!))
        #expect(
            policy.assessment
                == AssessmentWeights(
                    leadership: Fraction(20, 100)!, publicity: Fraction(15, 100)!, implementation: Fraction(45, 100)!, highlights: Fraction(20, 100)!)
        )
        #expect(policy.minBallots == 5)
        #expect(policy.commentsMinBallots == 5)
        #expect(policy.flags == [.unsatisfiedShare(atLeast: Fraction(1, 3)!), .bottomRank(count: 3)])
        #expect(policy.followUp.map(\.action) == [.organizationalHandling, .offPostStudy, .admonishmentTalk])
        #expect(policy.followUp[0].conditions == [.unsatisfiedShare(atLeast: Fraction(2, 3)!), .flaggedInPreviousYears(times: 2, years: 3)])
        #expect(policy.followUp[1].conditions == [.unsatisfiedShare(atLeast: Fraction(1, 2)!), .flaggedPreviousYear])
        #expect(policy.followUp[2].conditions == [.flagged])
        #expect(
            policy.personnel
                == PersonnelRules(
                    promotionTopShare: Fraction(1, 10)!, promotionCleanYears: 2, adjustmentActions: [.offPostStudy, .organizationalHandling],
                    adjustmentBottomCount: 3, adjustmentBottomYears: 2))
    }

    @Test("every problem of a broken policy is reported with its line")
    func brokenPolicy() {
        let text = """
            version: 1
            weights:
              merchantReview: 0.5
              starRating: 0.3
              assessment: 0.3
            assessment:
              leadership: 0.20
              publicity: 0.15
              implementation: 0.45
              highlights: 0.20
              extra: 0
            minBallots: 0
            commentsMinBallots: 5
            flags:
              - rule: unsatisfiedShare
                atLeast: 4/3
              - rule: worst
            followUp:
              - action: 诫勉谈话
                dueDays: 30
                when:
                  - flagged: true
              - action: 组织处理
                dueDays: 60
                when: []
            personnel:
              promotion: { topShare: 0.1, cleanYears: 2 }
            """
        #expect(
            issues(text) == [
                "p.yaml:3: weights: 权重合计须为 1，现为 1.1",
                "p.yaml:11: assessment.extra: 未知的键（可用：leadership, publicity, implementation, highlights）",
                "p.yaml:12: minBallots: 0 超出范围 1–1000",
                "p.yaml:16: flags[1].atLeast: 4/3 应在 0 到 1 之间",
                "p.yaml:17: flags[2].rule: 「worst」应为 unsatisfiedShare 或 bottomRank",
                "p.yaml:23: followUp[2].action: 阶梯须从重到轻排列：「组织处理」不能排在「诫勉谈话」之后",
                "p.yaml:25: followUp[2].when: 至少要有一个条件",
                "p.yaml:27: personnel.adjustment: 缺少必需的键",
            ])
    }

    @Test("weights summing to 1 exactly pass, however they are written")
    func exactWeights() throws {
        var text = try SurveyTemplateTests.shipped("policy.yaml")
        text = text.replacingOccurrences(of: "merchantReview: 0.5", with: "merchantReview: 1/3")
            .replacingOccurrences(of: "starRating: 0.2", with: "starRating: 1/3")
            .replacingOccurrences(of: "assessment: 0.3 ", with: "assessment: 1/3 ")
        let policy = try ScoringPolicy.parse(text, file: "p.yaml")
        #expect(policy.weights.merchantReview == Fraction(1, 3)!)
        let off = text.replacingOccurrences(of: "starRating: 1/3", with: "starRating: 0.333")
        #expect(issues(off).first?.contains("权重合计须为 1") == true)
    }

    @Test("fractions are exact: 10 of 30 reaches 1/3, 9 of 30 does not")
    func fractions() throws {
        let third = try #require(Fraction(parsing: "1/3"))
        #expect(third.isReached(by: 10, of: 30))
        #expect(!third.isReached(by: 9, of: 30))
        #expect(!third.isReached(by: 0, of: 0))
        #expect(Fraction(parsing: "0.45") == Fraction(9, 20))
        #expect(Fraction(parsing: "1") == .one)
        #expect(Fraction(parsing: "0.") == nil)
        #expect(Fraction(parsing: "1/0") == nil)
        #expect(Fraction(parsing: "abc") == nil)
        #expect(Fraction(1, 5)! + Fraction(3, 10)! == Fraction(1, 2)!)
        #expect(Fraction(1, 3)! < Fraction(1, 2)!)
    }
}
