import Foundation
import PingyiCore
import Testing

@Suite("Ballot validation and storage format")
struct BallotValidatorTests {
    static let template: SurveyTemplate = {
        let text = try! String(contentsOf: SurveyTemplateTests.directory.appendingPathComponent("merchant-review.yaml"), encoding: .utf8)
        return try! SurveyTemplate.parse(text, file: "merchant-review.yaml")
    }()

    @Test("a complete form becomes the answers; empty optional texts are left out")
    func valid() {
        let fields = [
            "csrf": "x", "a.G1.overall": "satisfied", "a.G2.overall": "unknown", "a.G2.comment": "  好\r\n很好  ", "a.G1.comment": "",
            "g.general_comment": "",
        ]
        let result = BallotValidator.validate(fields, template: Self.template, targets: ["G1", "G2"])
        #expect(
            result
                == .valid(
                    BallotAnswers(
                        grades: [
                            GradeAnswer(target: "G1", question: "overall", option: "satisfied"),
                            GradeAnswer(target: "G2", question: "overall", option: "unknown"),
                        ],
                        texts: [TextAnswer(target: "G2", question: "comment", text: "好\n很好")])))
    }

    @Test("missing grades, unknown options and long comments are problems a person can fix")
    func invalid() {
        let fields = ["a.G1.overall": "excellent", "a.G2.comment": String(repeating: "字", count: 301)]
        guard case .invalid(let problems) = BallotValidator.validate(fields, template: Self.template, targets: ["G1", "G2"]) else {
            Issue.record("expected problems")
            return
        }
        #expect(
            problems.fields == [
                "a.G1.overall": "请从给出的选项中选择",
                "a.G2.overall": "请选择「总体评价」",
                "a.G2.comment": "不能超过 300 字（现有 301 字）",
            ])
    }

    @Test(
        "fields no page of ours produces are malformed",
        arguments: [
            ["a.G9.overall": "satisfied"], ["a.G1.attitude": "satisfied"], ["admin": "1"], ["signed": "1"], ["a.G1": "x"], ["g.nothing": "x"],
        ])
    func malformed(extra: [String: String]) {
        let fields = ["a.G1.overall": "satisfied"].merging(extra) { _, new in new }
        guard case .malformed = BallotValidator.validate(fields, template: Self.template, targets: ["G1"]) else {
            Issue.record("expected malformed for \(extra)")
            return
        }
    }

    @Test("the stored JSON is what JSONEncoder makes, and reads back as the same answers")
    func jsonText() throws {
        let answers = BallotAnswers(
            grades: [GradeAnswer(target: "G1", question: "overall", option: "satisfied")],
            stars: [StarAnswer(target: "SCJG", question: "policy", stars: 4)],
            texts: [
                TextAnswer(target: "G1", question: "comment", text: "引号\"反斜杠\\换行\n控制\u{1}</script>"),
                TextAnswer(target: nil, question: "general", text: "好"),
            ],
            signed: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let decoded = try JSONDecoder().decode(BallotAnswers.self, from: Data(answers.jsonText.utf8))
        #expect(decoded == answers)
        let reference = try JSONSerialization.jsonObject(with: try encoder.encode(answers)) as? NSDictionary
        let ours = try JSONSerialization.jsonObject(with: Data(answers.jsonText.utf8)) as? NSDictionary
        #expect(reference == ours)
        #expect(BallotAnswers().jsonText == #"{"grades":[],"signed":false,"stars":[],"texts":[]}"#)
    }
}
