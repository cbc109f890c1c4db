import Foundation
import PingyiCore
import Testing

@Suite("One sealed length a campaign")
struct BallotLengthTests {
    static let star: SurveyTemplate = {
        let text = try! String(contentsOf: SurveyTemplateTests.directory.appendingPathComponent("star-rating.yaml"), encoding: .utf8)
        return try! SurveyTemplate.parse(text, file: "star-rating.yaml")
    }()

    /// Texts that cost the most bytes a character in the ballot's JSON, and the hostile ones.
    static let fills: [Character] = ["好", "\u{20000}", "\"", "\\", "\n", "\u{2028}", "😀", "a"]

    @Test("no ballot the validator accepts is longer than the longest one, whatever its texts")
    func bound() {
        let template = BallotValidatorTests.template
        let targets = (1...23).map { "E\(String(repeating: "9", count: $0))" }
        let longest = BallotLength.longestPlaintext(template: template, targets: targets)
        for fill in Self.fills {
            var fields = ["csrf": "x", "g.general_comment": String(repeating: fill, count: 1000)]
            for target in targets {
                fields["a.\(target).overall"] = "unsatisfied"
                fields["a.\(target).comment"] = String(repeating: fill, count: 300)
            }
            guard case .valid(let answers) = BallotValidator.validate(fields, template: template, targets: targets) else {
                Issue.record("a full ballot of 「\(fill)」 was refused")
                continue
            }
            #expect(answers.jsonText.utf8.count <= longest, "「\(fill)」")
        }
        // The cost by target bounds the longest ballot for any names.
        let cost = BallotLength.cost(template: template)
        let byCost = cost.fixed + targets.reduce(0) { $0 + cost.perTarget + cost.perTargetByte * $1.utf8.count }
        #expect(byCost >= longest && byCost - longest <= targets.count)
        let stars = BallotLength.cost(template: Self.star)
        let departments = ["D01", "D0002", "D3"]
        #expect(
            stars.fixed + departments.reduce(0) { $0 + stars.perTarget + stars.perTargetByte * $1.utf8.count }
                >= BallotLength.longestPlaintext(template: Self.star, targets: departments))
    }

    @Test("a character made of many code points is refused before it can outgrow the sealed length")
    func combining() {
        let template = BallotValidatorTests.template
        let heavy = "好" + String(repeating: "\u{0301}", count: 700)
        let fields = ["csrf": "x", "a.G1.overall": "satisfied", "a.G1.comment": heavy]
        guard case .invalid(let problems) = BallotValidator.validate(fields, template: template, targets: ["G1"]) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.fields["a.G1.comment"]?.contains("特殊字符") == true)
    }

    @Test("the campaign's length has a quarter of headroom in whole KiB, and the form body room for it percent-encoded")
    func length() {
        #expect(BallotLength.campaignLength(longestPlaintext: 100) == 1024)
        #expect(BallotLength.campaignLength(longestPlaintext: 8000) == 10240)
        let template = BallotValidatorTests.template
        let targets = (1...20).map { "G\($0)" }
        let length = BallotLength.campaignLength(longestPlaintext: BallotLength.longestPlaintext(template: template, targets: targets))
        // A full ballot percent-encoded: every comment 300 Chinese characters of 9 bytes each.
        var body = "csrf=" + String(repeating: "x", count: 200) + "&g.general_comment=" + String(repeating: "%E5%A5%BD", count: 1000)
        for target in targets { body += "&a.\(target).overall=unsatisfied&a.\(target).comment=" + String(repeating: "%E5%A5%BD", count: 300) }
        #expect(body.utf8.count <= BallotLength.formBodyLimit(campaignLength: length))
    }
}
