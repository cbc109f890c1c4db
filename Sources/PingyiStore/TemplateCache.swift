import PingyiCore
import Synchronization

/// Parsed templates by SHA-256: a campaign's template text never changes, so each is parsed
/// once per process instead of on every request.
enum TemplateCache {
    private static let templates = Mutex<[String: SurveyTemplate]>([:])

    static func template(sha256: String, text: @autoclosure () throws -> String, file: String) throws -> SurveyTemplate {
        if let cached = templates.withLock({ $0[sha256] }) { return cached }
        let template = try SurveyTemplate.parse(try text(), file: file)
        templates.withLock { $0[sha256] = template }
        return template
    }
}
