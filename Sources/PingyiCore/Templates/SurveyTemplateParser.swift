import Yams

/// Reads a `SurveyTemplate` from YAML, collecting every problem with its line.
struct SurveyTemplateParser {
    private var reader: YAMLReader

    init(file: String) {
        reader = YAMLReader(file: file)
    }

    var issues: [FileIssue] { reader.issues }

    mutating func parse(_ text: String) -> SurveyTemplate? {
        let (root, syntaxIssues) = YAMLReader.compose(text, file: reader.file)
        guard let root else {
            reader.record(syntaxIssues)
            return nil
        }
        guard
            let top = reader.mapping(
                root, at: "", allowed: ["id", "version", "title", "intro", "target", "questions", "general"],
                required: ["id", "version", "title", "intro", "target", "questions"])
        else { return nil }
        let id = reader.identifier(top["id"], at: "id")
        let version = reader.integer(top["version"], at: "version", in: 1...10_000)
        let title = reader.text(top["title"], at: "title", maxLength: 100)
        let intro = reader.text(top["intro"], at: "intro", maxLength: 2000)
        var target: TargetKind?
        if let node = top["target"], let value = reader.text(node, at: "target") {
            target = TargetKind(rawValue: value)
            if target == nil { reader.fail(node, "target", "「\(value)」应为 chief 或 department") }
        }
        let questions = parseQuestions(top["questions"], at: "questions", perTarget: true)
        let general = top["general"].map { parseQuestions($0, at: "general", perTarget: false) } ?? []
        checkDuplicateIDs(top)
        if let questionsNode = top["questions"], !questions.contains(where: \.enabled), reader.issues.isEmpty {
            reader.fail(questionsNode, "questions", "至少要有一个启用的问题")
        }
        if target == .chief, reader.issues.isEmpty {
            let overall = questions.filter(\.overall)
            if overall.count != 1 || overall.first?.kind != .grade || overall.first?.required != true || overall.first?.enabled != true {
                reader.fail(top["questions"], "questions", "客商评议模板须有且仅有一个启用的必答总体评价（kind: grade, overall: true）")
            } else if let question = overall.first, !question.options.contains(where: \.unsatisfied) {
                reader.fail(top["questions"], "questions", "总体评价须有一个标为 unsatisfied: true 的选项（不满意）")
            }
        }
        guard let id, let version, let title, let intro, let target, reader.issues.isEmpty else { return nil }
        return SurveyTemplate(id: id, version: version, title: title, intro: intro, target: target, questions: questions, general: general)
    }

    /// Question identifiers must be unique across the whole template: reported at the repeat's line.
    private mutating func checkDuplicateIDs(_ top: [String: Node]) {
        var first: [String: Int] = [:]
        for key in ["questions", "general"] {
            guard case .sequence(let items)? = top[key] else { continue }
            for item in items {
                guard case .mapping(let mapping) = item, let idNode = mapping["id"], let id = idNode.string else { continue }
                let line = idNode.mark?.line ?? 1
                if let earlier = first[id] {
                    reader.fail(idNode, "\(key).id", "问题标识「\(id)」与第 \(earlier) 行重复")
                } else {
                    first[id] = line
                }
            }
        }
    }

    private mutating func parseQuestions(_ node: Node?, at path: String, perTarget: Bool) -> [TemplateQuestion] {
        guard let items = reader.sequence(node, at: path) else { return [] }
        if items.isEmpty, perTarget { reader.fail(node, path, "至少要有一个问题") }
        return items.enumerated().compactMap { index, item in parseQuestion(item, at: "\(path)[\(index + 1)]") }
    }

    private mutating func parseQuestion(_ node: Node, at path: String) -> TemplateQuestion? {
        guard
            let fields = reader.mapping(
                node, at: path,
                allowed: ["id", "kind", "label", "help", "required", "enabled", "overall", "options", "maxStars", "maxLength", "clue"],
                required: ["id", "kind", "label", "required"])
        else { return nil }
        let id = reader.identifier(fields["id"], at: "\(path).id")
        let label = reader.text(fields["label"], at: "\(path).label", maxLength: 100)
        let help = fields["help"].flatMap { reader.text($0, at: "\(path).help", maxLength: 500) }
        let required = reader.bool(fields["required"], at: "\(path).required")
        let enabled = fields["enabled"].map { reader.bool($0, at: "\(path).enabled") } ?? true
        let overall = fields["overall"].map { reader.bool($0, at: "\(path).overall") } ?? false
        let clue = fields["clue"].map { reader.bool($0, at: "\(path).clue") } ?? false
        var kind: QuestionKind?
        if let kindNode = fields["kind"], let value = reader.text(kindNode, at: "\(path).kind") {
            kind = QuestionKind(rawValue: value)
            if kind == nil { reader.fail(kindNode, "\(path).kind", "「\(value)」应为 grade、stars 或 text") }
        }
        var options: [TemplateOption] = []
        var maxStars: Int?
        var maxLength: Int?
        switch kind {
        case .grade:
            options = parseOptions(fields["options"], at: "\(path).options", question: node)
            for key in ["maxStars", "maxLength"] where fields[key] != nil {
                reader.fail(fields[key], "\(path).\(key)", "评价题（grade）不能设置 \(key)")
            }
        case .stars:
            maxStars = fields["maxStars"].map { reader.integer($0, at: "\(path).maxStars", in: 3...10) } ?? 5
            for key in ["options", "maxLength"] where fields[key] != nil {
                reader.fail(fields[key], "\(path).\(key)", "星级题（stars）不能设置 \(key)")
            }
        case .text:
            if fields["maxLength"] == nil { reader.fail(node, "\(path).maxLength", "文字题（text）须设置 maxLength") }
            maxLength = reader.integer(fields["maxLength"], at: "\(path).maxLength", in: 1...5000)
            for key in ["options", "maxStars"] where fields[key] != nil {
                reader.fail(fields[key], "\(path).\(key)", "文字题（text）不能设置 \(key)")
            }
        case nil:
            break
        }
        if clue == true, kind != .text {
            reader.fail(fields["clue"], "\(path).clue", "只有文字题（text）可以作为问题线索")
        }
        if overall == true, kind != .grade {
            reader.fail(fields["overall"], "\(path).overall", "只有评价题（grade）可以作为总体评价")
        }
        guard let id, let kind, let label, let required, let enabled, let overall, let clue else { return nil }
        return TemplateQuestion(
            id: id, kind: kind, label: label, help: help, required: required, enabled: enabled, overall: overall,
            options: options, maxStars: maxStars, maxLength: maxLength, clue: clue)
    }

    private mutating func parseOptions(_ node: Node?, at path: String, question: Node) -> [TemplateOption] {
        guard let node else {
            reader.fail(question, path, "评价题（grade）须列出选项 options")
            return []
        }
        guard let items = reader.sequence(node, at: path) else { return [] }
        if items.count < 2 { reader.fail(node, path, "至少要有两个选项") }
        var options: [TemplateOption] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index + 1)]"
            guard
                let fields = reader.mapping(
                    item, at: itemPath, allowed: ["id", "label", "points", "excluded", "unsatisfied"], required: ["id", "label"])
            else { continue }
            let id = reader.identifier(fields["id"], at: "\(itemPath).id")
            let label = reader.text(fields["label"], at: "\(itemPath).label", maxLength: 20)
            let excluded = fields["excluded"].map { reader.bool($0, at: "\(itemPath).excluded") } ?? false
            let unsatisfied = fields["unsatisfied"].map { reader.bool($0, at: "\(itemPath).unsatisfied") } ?? false
            var points: Double?
            if excluded == true {
                if fields["points"] != nil { reader.fail(fields["points"], "\(itemPath).points", "排除计分的选项（excluded: true）不能有分值") }
                if unsatisfied == true { reader.fail(fields["unsatisfied"], "\(itemPath).unsatisfied", "排除计分的选项不能算作不满意") }
            } else if let pointsNode = fields["points"] {
                points = reader.number(pointsNode, at: "\(itemPath).points", in: 0...100)
            } else {
                reader.fail(item, "\(itemPath).points", "选项须有分值 points（0–100），或标为 excluded: true")
            }
            if let id {
                if let line = seen[id] {
                    reader.fail(fields["id"], "\(itemPath).id", "选项标识「\(id)」与第 \(line) 行重复")
                }
                seen[id] = seen[id] ?? fields["id"]?.mark?.line ?? 1
            }
            if let id, let label, let excluded, let unsatisfied, excluded || points != nil {
                options.append(TemplateOption(id: id, label: label, points: points, unsatisfied: unsatisfied))
            }
        }
        if !items.isEmpty, options.count == items.count, !options.contains(where: { !$0.isExcluded }) {
            reader.fail(node, path, "至少要有一个计分的选项")
        }
        return options
    }
}
