import Yams

/// Reads a `ScoringPolicy` from YAML, collecting every problem with its line.
struct ScoringPolicyParser {
    private var reader: YAMLReader

    init(file: String) {
        reader = YAMLReader(file: file)
    }

    var issues: [FileIssue] { reader.issues }

    mutating func parse(_ text: String) -> ScoringPolicy? {
        let (root, syntaxIssues) = YAMLReader.compose(text, file: reader.file)
        guard let root else {
            reader.record(syntaxIssues)
            return nil
        }
        let keys = ["version", "weights", "assessment", "minBallots", "commentsMinBallots", "flags", "followUp", "personnel"]
        guard let top = reader.mapping(root, at: "", allowed: keys + ["decimals", "problems"], required: keys) else { return nil }
        let decimals = top["decimals"] == nil ? 2 : reader.integer(top["decimals"], at: "decimals", in: 0...4)
        let version = reader.integer(top["version"], at: "version", in: 1...10_000)
        let weights = parseWeights(top["weights"], at: "weights", keys: ["merchantReview", "starRating", "assessment"])
        let assessment = parseWeights(top["assessment"], at: "assessment", keys: ["leadership", "publicity", "implementation", "highlights"])
        let minBallots = reader.integer(top["minBallots"], at: "minBallots", in: 1...1000)
        let commentsMinBallots = reader.integer(top["commentsMinBallots"], at: "commentsMinBallots", in: 1...1000)
        let flags = parseFlags(top["flags"])
        let followUp = parseFollowUp(top["followUp"])
        let personnel = parsePersonnel(top["personnel"])
        let ledger = top["problems"] == nil ? LedgerRules.defaults : parseLedger(top["problems"])
        guard let version, let weights, let assessment, let minBallots, let commentsMinBallots, let flags, let followUp, let personnel,
            let decimals, let ledger, reader.issues.isEmpty
        else { return nil }
        var policy = ScoringPolicy(
            version: version,
            weights: ComponentWeights(merchantReview: weights[0], starRating: weights[1], assessment: weights[2]),
            assessment: AssessmentWeights(
                leadership: assessment[0], publicity: assessment[1], implementation: assessment[2], highlights: assessment[3]),
            minBallots: minBallots, commentsMinBallots: commentsMinBallots, flags: flags, followUp: followUp, personnel: personnel,
            decimals: decimals)
        policy.ledger = ledger
        return policy
    }

    /// Weights in the order of `keys`, which must sum to exactly 1.
    private mutating func parseWeights(_ node: Node?, at path: String, keys: [String]) -> [Fraction]? {
        guard let fields = reader.mapping(node, at: path, allowed: keys, required: keys) else { return nil }
        let values = keys.map { reader.fraction(fields[$0], at: "\(path).\($0)") }
        let present = values.compactMap { $0 }
        guard present.count == keys.count else { return nil }
        let sum = present.reduce(Fraction.zero, +)
        guard sum == .one else {
            reader.fail(node, path, "权重合计须为 1，现为 \(YAMLReader.format(sum.value))")
            return nil
        }
        return present
    }

    private mutating func parseFlags(_ node: Node?) -> [FlagRule]? {
        guard let items = reader.sequence(node, at: "flags") else { return nil }
        var rules: [FlagRule] = []
        for (index, item) in items.enumerated() {
            let path = "flags[\(index + 1)]"
            guard let fields = reader.mapping(item, at: path, allowed: ["rule", "atLeast", "count"], required: ["rule"]),
                let rule = reader.text(fields["rule"], at: "\(path).rule")
            else { continue }
            switch rule {
            case "unsatisfiedShare":
                if fields["atLeast"] == nil { reader.fail(item, "\(path).atLeast", "缺少必需的键") }
                if fields["count"] != nil { reader.fail(fields["count"], "\(path).count", "unsatisfiedShare 规则不用 count") }
                if let threshold = reader.fraction(fields["atLeast"], at: "\(path).atLeast") {
                    rules.append(.unsatisfiedShare(atLeast: threshold))
                }
            case "bottomRank":
                if fields["count"] == nil { reader.fail(item, "\(path).count", "缺少必需的键") }
                if fields["atLeast"] != nil { reader.fail(fields["atLeast"], "\(path).atLeast", "bottomRank 规则不用 atLeast") }
                if let count = reader.integer(fields["count"], at: "\(path).count", in: 0...1000) {
                    rules.append(.bottomRank(count: count))
                }
            default:
                reader.fail(fields["rule"], "\(path).rule", "「\(rule)」应为 unsatisfiedShare 或 bottomRank")
            }
        }
        return rules
    }

    private mutating func parseFollowUp(_ node: Node?) -> [FollowUpStep]? {
        guard let items = reader.sequence(node, at: "followUp") else { return nil }
        var steps: [FollowUpStep] = []
        for (index, item) in items.enumerated() {
            let path = "followUp[\(index + 1)]"
            guard let fields = reader.mapping(item, at: path, allowed: ["action", "dueDays", "when"], required: ["action", "dueDays", "when"])
            else { continue }
            let action = parseAction(fields["action"], at: "\(path).action")
            let dueDays = reader.integer(fields["dueDays"], at: "\(path).dueDays", in: 1...3650)
            var conditions: [FollowUpCondition] = []
            for (position, conditionNode) in (reader.sequence(fields["when"], at: "\(path).when") ?? []).enumerated() {
                if let condition = parseCondition(conditionNode, at: "\(path).when[\(position + 1)]") {
                    conditions.append(condition)
                }
            }
            if conditions.isEmpty { reader.fail(fields["when"], "\(path).when", "至少要有一个条件") }
            if let action, steps.contains(where: { $0.action == action }) {
                reader.fail(fields["action"], "\(path).action", "措施「\(action.rawValue)」重复")
            }
            if let action, let last = steps.last, action >= last.action {
                reader.fail(fields["action"], "\(path).action", "阶梯须从重到轻排列：「\(action.rawValue)」不能排在「\(last.action.rawValue)」之后")
            }
            if let action, let dueDays, !conditions.isEmpty {
                steps.append(FollowUpStep(action: action, dueDays: dueDays, conditions: conditions))
            }
        }
        return steps
    }

    private mutating func parseCondition(_ node: Node, at path: String) -> FollowUpCondition? {
        let keys = ["flagged", "unsatisfiedShareAtLeast", "flaggedPreviousYear", "flaggedInPreviousYears"]
        guard let fields = reader.mapping(node, at: path, allowed: keys, required: []) else { return nil }
        guard fields.count == 1, let (key, value) = fields.first else {
            reader.fail(node, path, "每个条件须恰好有一个键（\(keys.joined(separator: ", "))）")
            return nil
        }
        switch key {
        case "flagged", "flaggedPreviousYear":
            guard let flag = reader.bool(value, at: "\(path).\(key)") else { return nil }
            guard flag else {
                reader.fail(value, "\(path).\(key)", "条件只能写 true；不需要的条件请删除")
                return nil
            }
            return key == "flagged" ? .flagged : .flaggedPreviousYear
        case "unsatisfiedShareAtLeast":
            return reader.fraction(value, at: "\(path).\(key)").map { .unsatisfiedShare(atLeast: $0) }
        default:
            guard let window = reader.mapping(value, at: "\(path).\(key)", allowed: ["times", "of"], required: ["times", "of"]) else { return nil }
            let times = reader.integer(window["times"], at: "\(path).\(key).times", in: 1...20)
            let years = reader.integer(window["of"], at: "\(path).\(key).of", in: 1...20)
            guard let times, let years else { return nil }
            guard times <= years else {
                reader.fail(value, "\(path).\(key)", "次数 \(times) 不能大于年数 \(years)")
                return nil
            }
            return .flaggedInPreviousYears(times: times, years: years)
        }
    }

    private mutating func parseAction(_ node: Node?, at path: String) -> FollowUpAction? {
        guard let node, let text = reader.text(node, at: path) else { return nil }
        guard let action = FollowUpAction(rawValue: text) else {
            reader.fail(node, path, "「\(text)」应为 诫勉谈话、离岗学习 或 组织处理")
            return nil
        }
        return action
    }

    private mutating func parsePersonnel(_ node: Node?) -> PersonnelRules? {
        guard let fields = reader.mapping(node, at: "personnel", allowed: ["promotion", "adjustment"], required: ["promotion", "adjustment"]),
            let promotion = reader.mapping(
                fields["promotion"], at: "personnel.promotion", allowed: ["topShare", "cleanYears"], required: ["topShare", "cleanYears"]),
            let adjustment = reader.mapping(
                fields["adjustment"], at: "personnel.adjustment", allowed: ["actions", "bottomRank"], required: ["actions", "bottomRank"])
        else { return nil }
        let topShare = reader.fraction(promotion["topShare"], at: "personnel.promotion.topShare")
        let cleanYears = reader.integer(promotion["cleanYears"], at: "personnel.promotion.cleanYears", in: 1...20)
        var actions: [FollowUpAction] = []
        for (index, item) in (reader.sequence(adjustment["actions"], at: "personnel.adjustment.actions") ?? []).enumerated() {
            if let action = parseAction(item, at: "personnel.adjustment.actions[\(index + 1)]") { actions.append(action) }
        }
        let bottom = reader.mapping(
            adjustment["bottomRank"], at: "personnel.adjustment.bottomRank", allowed: ["count", "yearsRunning"], required: ["count", "yearsRunning"])
        let bottomCount = reader.integer(bottom?["count"], at: "personnel.adjustment.bottomRank.count", in: 0...1000)
        let bottomYears = reader.integer(bottom?["yearsRunning"], at: "personnel.adjustment.bottomRank.yearsRunning", in: 1...20)
        guard let topShare, let cleanYears, let bottomCount, let bottomYears else { return nil }
        return PersonnelRules(
            promotionTopShare: topShare, promotionCleanYears: cleanYears, adjustmentActions: actions,
            adjustmentBottomCount: bottomCount, adjustmentBottomYears: bottomYears)
    }

    /// The `problems` section: `dueWorkingDays` (a `default` and any channel by its name),
    /// `sendBack` (`continue` or `restart`), `interviewOverdueDays`, `quarterWeights`
    /// (`onTime`, `sendBack`, `satisfaction`, fractions summing to 1).
    private mutating func parseLedger(_ node: Node?) -> LedgerRules? {
        let keys = ["dueWorkingDays", "sendBack", "interviewOverdueDays", "quarterWeights"]
        guard let fields = reader.mapping(node, at: "problems", allowed: keys, required: keys) else { return nil }
        var dueDays: [ProblemChannel: Int] = [:]
        var defaultDays: Int?
        if case .mapping(let mapping)? = fields["dueWorkingDays"] {
            for (key, value) in mapping {
                let name = key.string ?? ""
                let days = reader.integer(value, at: "problems.dueWorkingDays.\(name)", in: 1...60)
                if name == "default" {
                    defaultDays = days
                } else if let channel = ProblemChannel(rawValue: name) {
                    dueDays[channel] = days
                } else {
                    let known = ProblemChannel.allCases.map(\.rawValue).joined(separator: "、")
                    reader.fail(key, "problems.dueWorkingDays", "未知渠道「\(name)」（可用：default、\(known)）")
                }
            }
            if defaultDays == nil { reader.fail(fields["dueWorkingDays"], "problems.dueWorkingDays.default", "缺少必需的键") }
        } else {
            reader.fail(fields["dueWorkingDays"], "problems.dueWorkingDays", "应为渠道到工作日数的映射")
        }
        let sendBack = reader.text(fields["sendBack"], at: "problems.sendBack")
        if let sendBack, !["continue", "restart"].contains(sendBack) {
            reader.fail(fields["sendBack"], "problems.sendBack", "应为 continue（原期限不变）或 restart（退回之日起重新计算）")
        }
        let interview = reader.integer(fields["interviewOverdueDays"], at: "problems.interviewOverdueDays", in: 0...60)
        let weightKeys = ["onTime", "sendBack", "satisfaction"]
        let weights = reader.mapping(fields["quarterWeights"], at: "problems.quarterWeights", allowed: weightKeys, required: weightKeys)
        let parts = weightKeys.map { reader.fraction(weights?[$0], at: "problems.quarterWeights.\($0)") }
        guard let defaultDays, let sendBack, let interview, let onTime = parts[0], let back = parts[1], let satisfaction = parts[2] else {
            return nil
        }
        guard abs(onTime.value + back.value + satisfaction.value - 1) < 1e-9 else {
            reader.fail(fields["quarterWeights"], "problems.quarterWeights", "三项权重之和应为 1")
            return nil
        }
        return LedgerRules(
            dueDays: dueDays, defaultDueDays: defaultDays, restartOnSendBack: sendBack == "restart", interviewOverdueDays: interview,
            onTimeWeight: onTime, sendBackWeight: back, satisfactionWeight: satisfaction)
    }
}
