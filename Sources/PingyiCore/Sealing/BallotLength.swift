/// The one length every sealed ballot of a campaign has, fixed when the campaign opens.
///
/// A ciphertext's length must not tell one ballot from another: not how many chiefs it graded,
/// not whether a comment box was filled. So the plaintext of every ballot of a campaign is
/// padded to the same length, chosen at open from the longest ballot any respondent's form
/// allows — every grade at its longest option, every star at its maximum, every text box at its
/// `maxLength` in the widest characters — with a quarter more for the roster's growth while the
/// campaign runs (rounded up to a whole KiB).
///
/// A text answer may take at most `bytesPerCharacter` bytes a character in the ballot's JSON
/// (`BallotValidator` refuses a longer one), so the longest ballot is a bound, not a guess.
public enum BallotLength {
    /// The most bytes a text answer's character may take in the ballot's JSON (UTF-8's longest
    /// character; escapes of quotes, backslashes and newlines take two).
    public static let bytesPerCharacter = 4

    /// The most bytes a text answer of `maxLength` characters may take in the ballot's JSON,
    /// quotes and escapes included, the outer quotes not.
    public static func textBudget(maxLength: Int) -> Int { bytesPerCharacter * maxLength }

    /// The length of the longest ballot `template` allows for a form listing `targets`
    /// (employee numbers or department codes), as `BallotAnswers.jsonText` writes it.
    public static func longestPlaintext(template: SurveyTemplate, targets: [String]) -> Int {
        longestAnswers(template: template, targets: targets).jsonText.utf8.count
    }

    /// What the longest ballot costs without targets, and what each target adds for each byte
    /// of its name: `fixed + Σ (perTarget + perTargetByte × name bytes)` bounds
    /// `longestPlaintext` over any targets. Lets the database find the longest form of many
    /// respondents in one query.
    public static func cost(template: SurveyTemplate) -> (fixed: Int, perTarget: Int, perTargetByte: Int) {
        let one = longestPlaintext(template: template, targets: ["x"])
        let two = longestPlaintext(template: template, targets: ["x", "x"])
        let twoLonger = longestPlaintext(template: template, targets: ["xx", "xx"])
        let perTargetByte = (twoLonger - two) / 2
        let perTarget = two - one - perTargetByte
        return (longestPlaintext(template: template, targets: []), perTarget, perTargetByte)
    }

    /// The padded plaintext length of a campaign whose longest ballot is `longestPlaintext`
    /// bytes: room for the 4-byte length prefix, a quarter more, rounded up to a whole KiB.
    public static func campaignLength(longestPlaintext: Int) -> Int {
        let withHeadroom = (longestPlaintext + 4) * 5 / 4
        return (withHeadroom + 1023) / 1024 * 1024
    }

    /// The most bytes a form body may have for a campaign of padded length `length`: a form
    /// field costs at most three times its JSON (a byte percent-encoded is three), plus the
    /// anti-forgery token and the 署名 box.
    public static func formBodyLimit(campaignLength length: Int) -> Int {
        3 * length + 4096
    }

    /// The answers of the longest ballot: every question of every target and every general one
    /// answered at its longest.
    static func longestAnswers(template: SurveyTemplate, targets: [String]) -> BallotAnswers {
        var answers = BallotAnswers(signed: false)
        for target in targets {
            for question in template.enabledQuestions { add(question, target: target, to: &answers) }
        }
        for question in template.enabledGeneral { add(question, target: nil, to: &answers) }
        return answers
    }

    private static func add(_ question: TemplateQuestion, target: String?, to answers: inout BallotAnswers) {
        switch question.kind {
        case .grade:
            let longest = question.options.map(\.id).max { $0.utf8.count < $1.utf8.count } ?? ""
            answers.grades.append(GradeAnswer(target: target ?? "", question: question.id, option: longest))
        case .stars:
            answers.stars.append(StarAnswer(target: target ?? "", question: question.id, stars: question.maxStars ?? 5))
        case .text:
            // One 4-byte character (U+20000) a character: the budget's worst case.
            let text = String(repeating: "\u{20000}", count: question.maxLength ?? 0)
            answers.texts.append(TextAnswer(target: target, question: question.id, text: text))
        }
    }
}
