/// Checks a submitted ballot form against the campaign's template and the targets on this
/// respondent's ballot, field by field. Pure: the server parses the body, the store writes.
public enum BallotValidator {
    /// Validates `fields` (already decoded, each name once).
    ///
    /// - Parameters:
    ///   - targets: the employee numbers (merchant review) or department codes (star rating) on the ballot.
    ///   - allowSigned: whether the form has the 署名 box.
    public static func validate(
        _ fields: [String: String], template: SurveyTemplate, targets: [String], allowSigned: Bool = false
    ) -> BallotValidation {
        // Every field this ballot's page produces, each name made once.
        var slots: [(name: String, question: TemplateQuestion, target: String?)] = []
        slots.reserveCapacity(targets.count * template.enabledQuestions.count + template.enabledGeneral.count)
        for target in targets {
            for question in template.enabledQuestions {
                slots.append((BallotField.answer(target: target, question: question.id), question, target))
            }
        }
        for question in template.enabledGeneral {
            slots.append((BallotField.general(question: question.id), question, nil))
        }
        // First the shape: every field must be one of those.
        let expected = Set(slots.map(\.name))
        for name in fields.keys where !expected.contains(name) && name != BallotField.csrf {
            if name == BallotField.signed, allowSigned { continue }
            return .malformed(name.hasPrefix("a.") ? "target or question not on this ballot" : "unknown field")
        }
        if let signed = fields[BallotField.signed], signed != "1" { return .malformed("signed is not 1") }

        var answers = BallotAnswers(signed: fields[BallotField.signed] == "1")
        var problems: [String: String] = [:]
        for slot in slots {
            read(fields[slot.name], question: slot.question, target: slot.target, field: slot.name, into: &answers, problems: &problems)
        }
        return problems.isEmpty ? .valid(answers) : .invalid(BallotProblems(fields: problems))
    }

    private static func read(
        _ raw: String?, question: TemplateQuestion, target: String?, field: String,
        into answers: inout BallotAnswers, problems: inout [String: String]
    ) {
        let value = raw ?? ""
        switch question.kind {
        case .grade:
            guard !value.isEmpty else {
                if question.required { problems[field] = "请选择「\(question.label)」" }
                return
            }
            guard question.option(value) != nil, let target else {
                problems[field] = "请从给出的选项中选择"
                return
            }
            answers.grades.append(GradeAnswer(target: target, question: question.id, option: value))
        case .stars:
            guard !value.isEmpty else {
                if question.required { problems[field] = "请为「\(question.label)」评星" }
                return
            }
            guard let stars = Int(value), (1...(question.maxStars ?? 5)).contains(stars), let target else {
                problems[field] = "请选择 1 到 \(question.maxStars ?? 5) 星"
                return
            }
            answers.stars.append(StarAnswer(target: target, question: question.id, stars: stars))
        case .text:
            let text = normalised(value)
            guard !text.isEmpty else {
                if question.required { problems[field] = "请填写「\(question.label)」" }
                return
            }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
                problems[field] = "含有不允许的字符"
                return
            }
            if let maxLength = question.maxLength, text.count > maxLength {
                problems[field] = "不能超过 \(maxLength) 字（现有 \(text.count) 字）"
                return
            }
            // The sealed ballot's one length counts on this bound (`BallotLength`): a character
            // built of many code points counts once above but may take far more bytes.
            if let maxLength = question.maxLength, BallotAnswers.quoted(text).utf8.count - 2 > BallotLength.textBudget(maxLength: maxLength) {
                problems[field] = "内容中的特殊字符（表情、组合符号、分隔符等）过多，请删去一些"
                return
            }
            answers.texts.append(TextAnswer(target: target, question: question.id, text: text))
        }
    }

    /// Trimmed, with CRLF and CR turned into LF.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").trimmingSpaces()
    }
}
