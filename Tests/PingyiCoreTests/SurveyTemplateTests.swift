import Foundation
import PingyiCore
import Testing

@Suite("Survey templates")
struct SurveyTemplateTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SurveyTemplates")

    static func shipped(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    private func issues(_ text: String) -> [String] {
        do {
            _ = try SurveyTemplate.parse(text, file: "t.yaml")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test("the shipped merchant-review template: one overall grade, four optional items off, comments")
    func merchantReview() throws {
        let template = try SurveyTemplate.parse(try Self.shipped("merchant-review.yaml"), file: "merchant-review.yaml")
        #expect(template.id == "merchant-review")
        #expect(template.target == .chief)
        let overall = try #require(template.overallQuestion)
        #expect(overall.options.map(\.label) == ["满意", "基本满意", "不满意", "不了解"])
        #expect(overall.options.map(\.points) == [100, 70, 30, nil])
        #expect(overall.options.filter(\.unsatisfied).map(\.label) == ["不满意"])
        #expect(template.questions.filter { !$0.enabled }.map(\.label) == ["服务态度", "办事效率", "廉洁自律", "政策落实"])
        #expect(template.enabledQuestions.map(\.kind) == [.grade, .text])
        #expect(template.enabledGeneral.map(\.maxLength) == [1000])
    }

    @Test("the shipped star-rating template: three star points and a problem clue")
    func starRating() throws {
        let template = try SurveyTemplate.parse(try Self.shipped("star-rating.yaml"), file: "star-rating.yaml")
        #expect(template.target == .department)
        #expect(template.questions.filter { $0.kind == .stars }.map(\.label) == ["企业群众满意", "政策落地顺畅", "企业得到实惠"])
        #expect(template.questions.filter { $0.kind == .stars }.allSatisfy { $0.maxStars == 5 && $0.required })
        #expect(template.questions.last?.label == "问题线索（选填）")
    }

    @Test("every problem of a broken template is reported with its line")
    func brokenTemplate() {
        let text = """
            id: 1bad
            version: 0
            title: 测试
            intro: x
            target: chief
            colour: red
            questions:
              - id: overall
                kind: grade
                label: 总体
                required: true
                overall: true
                options:
                  - { id: a, label: 满意, points: 120 }
                  - { id: a, label: 不满意, points: 30, unsatisfied: true }
                  - { id: c, label: 不了解 }
              - id: overall
                kind: text
                label: 意见
                required: false
              - id: stars
                kind: stars
                label: 星
                required: maybe
            """
        #expect(
            issues(text) == [
                "t.yaml:1: id: 「1bad」不是有效标识（字母开头，只含字母、数字、- 和 _）",
                "t.yaml:2: version: 0 超出范围 1–10000",
                "t.yaml:6: colour: 未知的键（可用：id, version, title, intro, target, questions, general）",
                "t.yaml:14: questions[1].options[1].points: 120 超出范围 0–100",
                "t.yaml:15: questions[1].options[2].id: 选项标识「a」与第 14 行重复",
                "t.yaml:16: questions[1].options[3].points: 选项须有分值 points（0–100），或标为 excluded: true",
                "t.yaml:17: questions[2].maxLength: 文字题（text）须设置 maxLength",
                "t.yaml:17: questions.id: 问题标识「overall」与第 8 行重复",
                "t.yaml:24: questions[3].required: 应为 true 或 false",
            ])
    }

    @Test("missing fields, a wrong target and a wrong kind are reported")
    func missingFields() {
        #expect(
            issues("id: x\nversion: 1\ntarget: team\nquestions: []\n") == [
                "t.yaml:1: title: 缺少必需的键",
                "t.yaml:1: intro: 缺少必需的键",
                "t.yaml:3: target: 「team」应为 chief 或 department",
                "t.yaml:4: questions: 至少要有一个问题",
            ])
        let wrongKind = """
            id: x
            version: 1
            title: t
            intro: i
            target: department
            questions:
              - { id: q, kind: slider, label: 滑块, required: true }
            """
        #expect(issues(wrongKind) == ["t.yaml:7: questions[1].kind: 「slider」应为 grade、stars 或 text"])
    }

    @Test("a merchant review needs exactly one required overall grade with an unsatisfied option")
    func overallRequired() {
        let text = """
            id: x
            version: 1
            title: t
            intro: i
            target: chief
            questions:
              - id: g
                kind: grade
                label: 评价
                required: true
                options:
                  - { id: good, label: 好, points: 100 }
                  - { id: bad, label: 差, points: 0 }
            """
        #expect(issues(text) == ["t.yaml:7: questions: 客商评议模板须有且仅有一个启用的必答总体评价（kind: grade, overall: true）"])
        let noUnsatisfied = text.replacingOccurrences(of: "required: true\n    options", with: "required: true\n    overall: true\n    options")
        #expect(issues(noUnsatisfied) == ["t.yaml:7: questions: 总体评价须有一个标为 unsatisfied: true 的选项（不满意）"])
    }

    @Test("YAML syntax errors and repeated keys carry their line")
    func syntaxErrors() {
        #expect(issues("id: x\n  bad: [\n") == ["t.yaml:2: YAML 格式错误：mapping values are not allowed in this context"])
        let repeated = issues("id: x\nid: y\nversion: 1\n")
        #expect(repeated.count == 1)
        #expect(repeated.first?.hasPrefix("t.yaml:") == true)
        #expect(repeated.first?.contains("键重复") == true)
        #expect(issues("") == ["t.yaml:1: 文件为空"])
    }

    @Test("a file's kind is told from its keys")
    func fileKind() throws {
        #expect(SurveyFileKind.of(try Self.shipped("policy.yaml")) == .policy)
        #expect(SurveyFileKind.of(try Self.shipped("star-rating.yaml")) == .template)
    }
}
