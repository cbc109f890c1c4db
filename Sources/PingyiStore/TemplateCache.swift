import PingyiCore
import Synchronization

/// Parsed templates by SHA-256: a campaign's template text never changes, so each is parsed
/// once per process instead of on every request. Bounded as `RunCache` is: a year's campaigns
/// use a few templates, so past `capacity` texts the cache starts over.
enum TemplateCache {
    static let capacity = 64
    private static let templates = Mutex<[String: SurveyTemplate]>([:])

    /// How many templates are kept.
    static var count: Int { templates.withLock { $0.count } }

    static func template(sha256: String, text: @autoclosure () throws -> String, file: String) throws -> SurveyTemplate {
        if let cached = templates.withLock({ $0[sha256] }) { return cached }
        let template = try SurveyTemplate.parse(try text(), file: file)
        templates.withLock { templates in
            if templates.count >= capacity { templates.removeAll() }
            templates[sha256] = template
        }
        return template
    }
}
