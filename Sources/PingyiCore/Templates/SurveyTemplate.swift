import Crypto
import Foundation

/// A survey form: the questions asked about each target (a chief or a department) and the
/// questions asked once per ballot. Parsed and validated from a YAML file of `SurveyTemplates/`.
public struct SurveyTemplate: Hashable, Sendable, Codable {
    /// The template's identifier (e.g. `merchant-review`).
    public var id: String
    /// Its version number; raise it whenever the questions change.
    public var version: Int
    /// The form's title.
    public var title: String
    /// The text shown to the respondent above the questions.
    public var intro: String
    /// What the per-target questions are about.
    public var target: TargetKind
    /// Asked about each target.
    public var questions: [TemplateQuestion]
    /// Asked once per ballot.
    public var general: [TemplateQuestion]

    /// Makes a template.
    public init(
        id: String, version: Int, title: String, intro: String, target: TargetKind, questions: [TemplateQuestion], general: [TemplateQuestion]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.intro = intro
        self.target = target
        self.questions = questions
        self.general = general
    }

    /// The enabled per-target questions.
    public var enabledQuestions: [TemplateQuestion] { questions.filter(\.enabled) }
    /// The enabled once-per-ballot questions.
    public var enabledGeneral: [TemplateQuestion] { general.filter(\.enabled) }

    /// The overall grade question (merchant review).
    public var overallQuestion: TemplateQuestion? { questions.first { $0.overall } }

    /// The ids of the enabled 问题线索 questions (text answers the office must follow up).
    public var clueQuestions: Set<String> { Set(enabledQuestions.filter(\.clue).map(\.id)) }

    /// Parses and validates a template; every problem is reported with its line.
    public static func parse(_ text: String, file: String) throws(InvalidFile) -> SurveyTemplate {
        var parser = SurveyTemplateParser(file: file)
        guard let template = parser.parse(text), parser.issues.isEmpty else {
            throw InvalidFile(issues: parser.issues)
        }
        return template
    }

    /// Hex SHA-256 of a file's text, stored with whatever was made from it.
    public static func sha256(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hex
    }
}
