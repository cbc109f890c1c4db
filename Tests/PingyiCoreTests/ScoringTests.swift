import Foundation
import PingyiCore
import Testing

/// A small year worked out on paper (defaults of policy.yaml: weights 50/20/30, dimensions
/// 20/15/45/20, minBallots 5, u ≥ 1/3 or bottom 3, the follow-up ladder of README's rules table).
///
/// | chief | 满意 基本 不满意 不了解 | n | merchant | stars | assessment | composite |
/// |---|---|---|---|---|---|---|
/// | A1 | 8 2 0 1 | 10 | 94.0 | 80 | 82.25 | 47 + 16 + 24.675 = 87.675 → 87.68 |
/// | A2 | 4 3 3 0 | 10 | 70.0 | 80 | 100 (own) | 35 + 16 + 30 = 81.0 |
/// | A3 | 2 2 4 2 | 8 | 57.5 | 80 | 82.25 | 28.75 + 16 + 24.675 = 69.425 → 69.43 |
/// | B1 | 8 0 2 0 | 10 | 86.0 | 70 | 80 | 43 + 14 + 24 = 81.0 (ties A2) |
/// | B2 | 5 4 1 0 | 10 | 81.0 | 70 | 80 | 40.5 + 14 + 24 = 78.5 |
/// | B3 | 10 0 0 0 | 10 | 100 | 70 | 80 | 50 + 14 + 24 = 88.0 |
/// | C1 | 3 0 2 0 | 5 | 72.0 | — | 61.75 | (36 + 18.525) / 0.8 = 68.15625 → 68.16 |
/// | D1 | 2 1 0 0 | 3 | 90.0 | — | 61.75 | not ranked: n < 5 |
///
/// Department A's assessment 90/80/85/70 → 18 + 12 + 38.25 + 14 = 82.25; B's 80 ×4 → 80;
/// C's 60/70/65/50 → 12 + 10.5 + 29.25 + 10 = 61.75. A's stars average 4.0 (80, level 4),
/// B's 3.5 (70, level 4), C has none. Scores are shown, ranked and flagged rounded half up to
/// the policy's two decimals (→): 69.425 is 69.43, as a person rounding the decimal would say
/// (its binary neighbour would print as 69.42).
@Suite("Scoring engine")
struct ScoringTests {
    static let policy: ScoringPolicy = {
        let text = try! String(contentsOf: SurveyTemplateTests.directory.appendingPathComponent("policy.yaml"), encoding: .utf8)
        return try! ScoringPolicy.parse(text, file: "policy.yaml")
    }()

    static let options = [
        TemplateOption(id: "satisfied", label: "满意", points: 100),
        TemplateOption(id: "basic", label: "基本满意", points: 70),
        TemplateOption(id: "unsatisfied", label: "不满意", points: 30, unsatisfied: true),
        TemplateOption(id: "unknown", label: "不了解", points: nil),
    ]

    static func tally(_ number: String, _ department: String, _ counts: [Int]) -> ChiefTally {
        var map: [String: Int] = [:]
        for (option, count) in zip(["satisfied", "basic", "unsatisfied", "unknown"], counts) where count > 0 { map[option] = count }
        return ChiefTally(
            employeeNumber: number, name: "股长\(number)", departmentCode: department, departmentName: "\(department)局",
            section: "\(number)股", position: "股长", counts: map)
    }

    static var input: ScoringInput {
        ScoringInput(
            year: 2026, policy: policy, options: options,
            tallies: [
                tally("A1", "A", [8, 2, 0, 1]), tally("A2", "A", [4, 3, 3, 0]), tally("A3", "A", [2, 2, 4, 2]),
                tally("B1", "B", [8, 0, 2, 0]), tally("B2", "B", [5, 4, 1, 0]), tally("B3", "B", [10, 0, 0, 0]),
                tally("C1", "C", [3, 0, 2, 0]), tally("D1", "C", [2, 1, 0, 0]),
            ],
            stars: [
                "A": DepartmentStars(
                    meanByPoint: ["satisfaction": 4, "policy": 4.5, "benefit": 3.5], countByPoint: ["satisfaction": 10, "policy": 10, "benefit": 10]),
                "B": DepartmentStars(
                    meanByPoint: ["satisfaction": 3.5, "policy": 3.5, "benefit": 3.5], countByPoint: ["satisfaction": 4, "policy": 4, "benefit": 4]),
            ],
            departmentAssessments: [
                "A": AssessmentScores(leadership: 90, publicity: 80, implementation: 85, highlights: 70),
                "B": AssessmentScores(leadership: 80, publicity: 80, implementation: 80, highlights: 80),
                "C": AssessmentScores(leadership: 60, publicity: 70, implementation: 65, highlights: 50),
            ],
            chiefAssessments: ["A2": AssessmentScores(leadership: 100, publicity: 100, implementation: 100, highlights: 100)],
            history: [
                "A3": ChiefHistory(flagged: [2024: true, 2025: true]),
                "C1": ChiefHistory(flagged: [2025: true]),
                "B2": ChiefHistory(flagged: [2023: true]),
            ])
    }

    private func byNumber(_ scores: [ChiefScore]) -> [String: ChiefScore] {
        Dictionary(uniqueKeysWithValues: scores.map { ($0.employeeNumber, $0) })
    }

    @Test("scores round half up as the decimals they print as, and equal shown scores share a rank")
    func roundedAsShown() {
        #expect(ScoreRounding.round(87.155, decimals: 2) == 87.16)
        #expect(ScoreRounding.round(87.15500000000002, decimals: 2) == 87.16)
        #expect(ScoreRounding.round(88.49877, decimals: 2) == 88.5 && ScoreRounding.round(88.49795, decimals: 2) == 88.5)
        #expect(ScoreRounding.round(69.425, decimals: 2) == 69.43 && ScoreRounding.round(69.425, decimals: 0) == 69)
        // B1's own assessment of 80.0133… makes its composite 81.004: shown 81.00, like A2's
        // 81.0, so the two share rank 3 (unrounded, B1 alone would be third).
        var input = Self.input
        let own = 80.0 + 0.004 / 0.3
        input.chiefAssessments["B1"] = AssessmentScores(leadership: own, publicity: own, implementation: own, highlights: own)
        let scores = Scoring.score(input)
        let chief = byNumber(scores)
        #expect(chief["B1"]?.composite == 81.0 && chief["A2"]?.composite == 81.0)
        #expect(chief["B1"]?.rank == 3 && chief["A2"]?.rank == 3)
        #expect(scores.allSatisfy { score in score.composite.map { (($0 * 100).rounded() / 100 - $0).magnitude < 1e-9 } ?? true })
    }

    @Test("every figure of the worked year")
    func workedYear() throws {
        let scores = Scoring.score(Self.input)
        let chief = byNumber(scores)
        #expect(scores.map(\.employeeNumber) == ["B3", "A1", "A2", "B1", "B2", "A3", "C1", "D1"])
        let expected: [(String, Int, Double, Double)] = [
            ("A1", 10, 94.0, 87.68), ("A2", 10, 70.0, 81.0), ("A3", 8, 57.5, 69.43), ("B1", 10, 86.0, 81.0),
            ("B2", 10, 81.0, 78.5), ("B3", 10, 100.0, 88.0), ("C1", 5, 72.0, 68.16),
        ]
        for (number, n, merchant, composite) in expected {
            let score = try #require(chief[number])
            #expect(score.n == n, "\(number) n")
            #expect(abs(score.merchantScore! - merchant) < 1e-9, "\(number) merchant")
            #expect(abs(score.composite! - composite) < 1e-9, "\(number) composite \(score.composite!)")
        }
        #expect(chief["A1"]?.starScore == 80)
        #expect(chief["A1"]?.starLevel == 4)
        #expect(chief["B1"]?.starScore == 70)
        #expect(chief["B1"]?.starLevel == 4)  // 3.5 stars round to 4
        #expect(abs(chief["A1"]!.assessmentScore! - 82.25) < 1e-9)
        #expect(chief["A2"]?.assessmentScore == 100)
        #expect(chief["A2"]?.ownAssessment == true)
        #expect(abs(chief["C1"]!.assessmentScore! - 61.75) < 1e-9)

        // Ranks: a tie shares rank 3 and the next is 5; D1 has too few valid answers.
        #expect(scores.map(\.rank) == [1, 2, 3, 3, 5, 6, 7, nil])
        #expect(chief["D1"]?.insufficientData == true)
        #expect(chief["D1"]?.flags.isEmpty == true)
        #expect(["A1", "A2", "A3", "B3", "B1", "B2", "C1"].map { chief[$0]!.departmentRank } == [1, 2, 3, 1, 2, 3, 1])

        // A department without star ratings: renormalised, and said so.
        #expect(chief["C1"]?.components == [.merchantReview, .assessment])
        #expect(chief["C1"]?.compositeNote == "缺少评星定级，按 客商评议 62.5%、目标考核 37.5% 重新归一计算")
        #expect(chief["A1"]?.compositeNote == nil)

        // Flags with their evidence: the bottom three, and the unsatisfied share.
        #expect(scores.filter(\.flagged).map(\.employeeNumber) == ["B2", "A3", "C1"])
        #expect(
            chief["A3"]?.flags.map(\.text) == [
                "有效票 8 张，其中不满意 4 张，占 50.0%，达到不满意票占 33.3% 及以上的认定标准",
                "综合得分 69.43，在 7 名股室长中排第 6 名，属末 3 名（末位）",
            ])
        #expect(chief["C1"]?.flags.map(\.rule) == ["unsatisfiedShare", "bottomRank"])
        #expect(chief["C1"]?.flags.first?.text == "有效票 5 张，其中不满意 2 张，占 40.0%，达到不满意票占 33.3% 及以上的认定标准")
        #expect(chief["C1"]?.flags.first?.note == "按 5 张有效票推算，不满意率大致在 11.8%–76.9% 之间（95% 把握）；票数越少，这个范围越宽。")
        #expect(chief["B2"]?.flags.map(\.rule) == ["bottomRank"])
        #expect(chief["A2"]?.flags.isEmpty == true)  // 3/10 = 30% < 1/3

        // The ladder reads earlier years: two of the previous three → 组织处理; last year → 离岗学习.
        #expect(chief["A3"]?.action == .organizationalHandling)
        #expect(chief["A3"]?.actionReason == "此前 3 个年度中有 2 个年度（2024、2025）被列为不满意或末位股室长")
        #expect(chief["C1"]?.action == .offPostStudy)
        #expect(chief["C1"]?.actionReason == "本年度及上一年度（2025）均被列为不满意或末位股室长")
        #expect(chief["B2"]?.action == .admonishmentTalk)
        #expect(chief["B1"]?.action == nil)
    }

    @Test("the same chief moves up the ladder as the years go by")
    func ladderOverYears() {
        var input = Self.input
        input.history["C1"] = nil
        #expect(byNumber(Scoring.score(input))["C1"]?.action == .admonishmentTalk)
        input.history["C1"] = ChiefHistory(flagged: [2025: true])
        #expect(byNumber(Scoring.score(input))["C1"]?.action == .offPostStudy)
        input.history["C1"] = ChiefHistory(flagged: [2023: true, 2025: true])
        #expect(byNumber(Scoring.score(input))["C1"]?.action == .organizationalHandling)
    }

    @Test("Wilson interval against known values")
    func wilson() throws {
        let cases: [(Int, Int, Double, Double)] = [
            (12, 30, 0.245906, 0.576796), (0, 10, 0, 0.277533), (10, 10, 0.722467, 1), (4, 8, 0.215216, 0.784784), (1, 2, 0.094531, 0.905469),
        ]
        for (k, n, low, high) in cases {
            let interval = try #require(WilsonInterval(successes: k, trials: n))
            #expect(abs(interval.low - low) < 1e-6, "\(k)/\(n) low")
            #expect(abs(interval.high - high) < 1e-6, "\(k)/\(n) high")
        }
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
        #expect(WilsonInterval(successes: 0, trials: 12)?.low == 0)
        #expect(WilsonInterval(successes: 12, trials: 12)?.high == 1)
    }

    @Test("one more 满意 never lowers the merchant score; one more 不满意 never lowers u", arguments: 0..<50)
    func monotone(seed: Int) {
        var generator = SeededRandom(seed: UInt64(seed) + 1)
        let counts = (0..<4).map { _ in Int.random(in: 0...12, using: &generator) }
        var input = Self.input
        input.tallies = [Self.tally("X", "A", counts)]
        let before = Scoring.score(input)[0]
        input.tallies = [Self.tally("X", "A", [counts[0] + 1, counts[1], counts[2], counts[3]])]
        let moreSatisfied = Scoring.score(input)[0]
        #expect((moreSatisfied.merchantScore ?? 0) >= (before.merchantScore ?? 0) - 1e-12)
        input.tallies = [Self.tally("X", "A", [counts[0], counts[1], counts[2] + 1, counts[3]])]
        let moreUnsatisfied = Scoring.score(input)[0]
        #expect((moreUnsatisfied.unsatisfiedShare ?? 0) >= (before.unsatisfiedShare ?? 0) - 1e-12)
    }

    @Test("weights all on one component give that component's score", arguments: ScoreComponent.allCases)
    func singleComponent(component: ScoreComponent) throws {
        var input = Self.input
        let one = Fraction.one
        let zero = Fraction.zero
        input.policy.weights = ComponentWeights(
            merchantReview: component == .merchantReview ? one : zero, starRating: component == .starRating ? one : zero,
            assessment: component == .assessment ? one : zero)
        for score in Scoring.score(input) {
            let expected: Double? =
                switch component {
                case .merchantReview: score.merchantScore
                case .starRating: score.starScore
                case .assessment: score.assessmentScore
                }
            #expect(score.composite == expected, "\(score.employeeNumber)")
        }
    }

    @Test("scoring does not depend on the order of its input", arguments: 0..<10)
    func orderIndependent(seed: Int) {
        var generator = SeededRandom(seed: UInt64(seed) + 100)
        var shuffled = Self.input
        shuffled.tallies.shuffle(using: &generator)
        #expect(Scoring.score(shuffled) == Scoring.score(Self.input))
    }
}

@Suite("Figures as people read them")
struct FiguresTests {
    @Test("shares round half up like a spreadsheet's 0.0% format; scores show two decimals")
    func shares() {
        #expect(Figures.percent(1.0 / 16) == "6.3%")  // printf alone gives 6.2%
        #expect(Figures.percent(1.0 / 3) == "33.3%")
        #expect(Figures.percent(2.0 / 3) == "66.7%")
        #expect(Figures.percent(0) == "0.0%")
        #expect(Figures.percent(1) == "100.0%")
        #expect(Figures.score(ScoreRounding.round(87.155, decimals: 2)) == "87.16")  // scores arrive rounded half up
        #expect(Figures.score(nil) == "—")
    }
}
