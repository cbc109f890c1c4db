import PingyiCore
import PingyiTestSupport
import Testing

@testable import PingyiStore

@Suite("The fingerprint of a scoring input")
struct InputFingerprintTests {
    static func input() throws -> ScoringInput {
        let policy = try ScoringPolicy.parse(try CountyFixture.shipped("policy.yaml"), file: "policy.yaml")
        return ScoringInput(
            year: 2026, policy: policy,
            options: [
                TemplateOption(id: "satisfied", label: "满意", points: 100),
                TemplateOption(id: "unsatisfied", label: "不满意", points: 30, unsatisfied: true),
            ],
            tallies: [
                ChiefTally(
                    employeeNumber: "G0101", name: "张三", departmentCode: "SCJG", departmentName: "市场监管局", section: "注册股", position: "股长",
                    counts: ["satisfied": 3, "unsatisfied": 1]),
                ChiefTally(
                    employeeNumber: "G0102", name: "李四", departmentCode: "SCJG", departmentName: "市场监管局", section: "执法股", position: "股长",
                    counts: [:]),
            ],
            stars: ["SCJG": DepartmentStars(meanByPoint: ["p1": 4.5, "p2": 3], countByPoint: ["p1": 2, "p2": 2])],
            departmentAssessments: ["SCJG": AssessmentScores(leadership: 90, publicity: 80, implementation: 85, highlights: 70)],
            chiefAssessments: [:],
            history: ["G0101": ChiefHistory(flagged: [2025: true], bottom: [2025: false])])
    }

    @Test("the same input gives the same fingerprint; any change to what is scored gives another")
    func everyInputCounts() throws {
        let base = try Self.input()
        let fingerprint = try InputFingerprint.of(base)
        #expect(try InputFingerprint.of(try Self.input()) == fingerprint)
        #expect(fingerprint.count == 64)
        // Parsed again and again, the policy's dictionaries come in other orders: the same fingerprint.
        for _ in 0..<20 { #expect(try InputFingerprint.of(try Self.input()) == fingerprint) }
        let changes: [(String, (inout ScoringInput) -> Void)] = [
            ("year", { $0.year = 2027 }),
            ("policy", { $0.policy.minBallots += 1 }),
            ("the ledger's due days", { $0.policy.ledger.dueDays[ProblemChannel.allCases[0], default: 0] += 1 }),
            ("option points", { $0.options[0].points = 90 }),
            ("option unsatisfied", { $0.options[0].unsatisfied = true }),
            ("a chief's name", { $0.tallies[0].name = "张叁" }),
            ("a department's name", { $0.tallies[1].departmentName = "市场局" }),
            ("a section", { $0.tallies[1].section = "登记股" }),
            ("a position", { $0.tallies[0].position = "副股长" }),
            ("a department", { $0.tallies[0].departmentCode = "XZSP" }),
            ("a count", { $0.tallies[0].counts["satisfied"] = 4 }),
            ("a new option counted", { $0.tallies[1].counts["satisfied"] = 1 }),
            (
                "a chief more",
                {
                    $0.tallies.append(
                        ChiefTally(
                            employeeNumber: "G0103", name: "王五", departmentCode: "SCJG", departmentName: "市场监管局", section: "注册股", position: "股长",
                            counts: [:]))
                }
            ),
            (
                "text moved between fields",
                {
                    $0.tallies[0].name = "张三注"
                    $0.tallies[0].section = "册股"
                }
            ),
            ("a star mean", { $0.stars["SCJG"]?.meanByPoint["p2"] = 3.5 }),
            ("a star count", { $0.stars["SCJG"]?.countByPoint["p2"] = 3 }),
            ("a department rated more", { $0.stars["XZSP"] = DepartmentStars(meanByPoint: [:], countByPoint: [:]) }),
            ("an assessment", { $0.departmentAssessments["SCJG"]?.highlights = 71 }),
            (
                "an assessment moved from the department to a chief",
                {
                    $0.chiefAssessments["SCJG"] = $0.departmentAssessments["SCJG"]
                    $0.departmentAssessments = [:]
                }
            ),
            ("an earlier flag", { $0.history["G0101"]?.flagged[2025] = false }),
            ("flag and bottom swapped", { $0.history["G0101"] = ChiefHistory(flagged: [2025: false], bottom: [2025: true]) }),
            ("an earlier year more", { $0.history["G0102"] = ChiefHistory(flagged: [2024: true]) }),
        ]
        var seen: Set<String> = [fingerprint]
        for (what, change) in changes {
            var changed = base
            change(&changed)
            let other = try InputFingerprint.of(changed)
            #expect(other != fingerprint, "\(what)")
            #expect(seen.insert(other).inserted, "\(what) gives the fingerprint of another change")
        }
    }
}
