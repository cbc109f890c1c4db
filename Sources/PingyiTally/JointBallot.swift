import PingyiCore

/// A campaign's ballots in the joint count: what its template and roster make of the manifest,
/// and what a validated ballot makes of choices (one option per grade or star question and
/// target) and of texts (one sealed item per text box its form had, filled or not, so that the
/// number of items says nothing).
public enum JointBallot {
    /// The option of a question that was not required and was left unanswered.
    public static let unanswered = "（未答）"
    /// The longest target or question id a text item carries.
    static let idLimit = 128

    /// The options of a grade or star question, in a fixed order; nil for a text question.
    public static func options(_ question: TemplateQuestion) -> [String]? {
        let answered: [String]
        switch question.kind {
        case .grade: answered = question.options.map(\.id)
        case .stars: answered = (1...(question.maxStars ?? 5)).map(String.init)
        case .text: return nil
        }
        return question.required ? answered : answered + [unanswered]
    }

    /// The contests of `targets` (employee numbers, or department codes): each enabled grade or
    /// star question of each target, targets in the order given.
    public static func contests(template: SurveyTemplate, targets: [String]) -> [ManifestContest] {
        targets.flatMap { target in
            template.enabledQuestions.compactMap { question in
                options(question).map { ManifestContest(target: target, question: question.id, options: $0) }
            }
        }
    }

    /// The option index chosen in each contest of a ballot offered `targets`.
    public static func choices(_ answers: BallotAnswers, template: SurveyTemplate, targets: [String]) -> [String: Int] {
        var chosen: [String: String] = [:]
        for grade in answers.grades { chosen["\(grade.target)|\(grade.question)"] = grade.option }
        for star in answers.stars { chosen["\(star.target)|\(star.question)"] = String(star.stars) }
        var choices: [String: Int] = [:]
        for contest in contests(template: template, targets: targets) {
            let value = chosen[contest.id] ?? unanswered
            choices[contest.id] = contest.options.firstIndex(of: value) ?? contest.options.firstIndex(of: unanswered)
        }
        return choices
    }

    /// Every text box of a form offered `targets` (per target, then the general ones).
    static func textSlots(template: SurveyTemplate, targets: [String]) -> [(target: String?, question: TemplateQuestion)] {
        let perTarget = template.enabledQuestions.filter { $0.kind == .text }
        let general = template.enabledGeneral.filter { $0.kind == .text }
        return targets.flatMap { target in perTarget.map { (target, $0) } } + general.map { (nil, $0) }
    }

    /// How many text items a ballot offered `targets` seals.
    public static func textCount(template: SurveyTemplate, targets: [String]) -> Int { textSlots(template: template, targets: targets).count }

    /// The padded length of a text item of `question`: the ids and its box's longest text at four
    /// bytes a character. Every item of one question has the same length, whatever was written;
    /// which question an item answers is no secret (the form's boxes are known, and the opened
    /// texts are released with their question).
    public static func textLength(_ question: TemplateQuestion) -> Int {
        12 + 2 * idLimit + 4 * (question.maxLength ?? 1000)
    }

    /// One item per text box of the form: `u32(len) target`, `u32(len) question`, `u32(len) text`
    /// (an empty text for a box left empty, or a clue signed and sent to the office already).
    public static func texts(
        _ answers: BallotAnswers, template: SurveyTemplate, targets: [String]
    ) throws -> [(
        item: [UInt8], length: Int
    )] {
        var written: [String: String] = [:]
        for text in answers.texts { written["\(text.target ?? "")|\(text.question)"] = text.text }
        return try textSlots(template: template, targets: targets).map { slot in
            let target = Array((slot.target ?? "").utf8)
            let question = Array(slot.question.id.utf8)
            guard target.count <= idLimit, question.count <= idLimit else { throw TallyError.targetTooLong(slot.target ?? slot.question.id) }
            let text = Array((written["\(slot.target ?? "")|\(slot.question.id)"] ?? "").utf8)
            return (field(target) + field(question) + field(text), textLength(slot.question))
        }
    }

    /// A text item read back: nil for an empty box.
    public static func readText(_ item: [UInt8]) throws -> TextAnswer? {
        var rest = item[...]
        func next() throws -> String {
            guard rest.count >= 4 else { throw TallyError.textUnreadable }
            let count = rest.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            rest = rest.dropFirst(4)
            guard rest.count >= count else { throw TallyError.textUnreadable }
            defer { rest = rest.dropFirst(count) }
            return String(decoding: rest.prefix(count), as: UTF8.self)
        }
        let target = try next()
        let question = try next()
        let text = try next()
        return text.isEmpty ? nil : TextAnswer(target: target.isEmpty ? nil : target, question: question, text: text)
    }

    private static func field(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + bytes
    }
}
