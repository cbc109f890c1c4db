import Foundation
import Hummingbird
import Mustache
import PingyiStore

/// The Mustache templates of `Templates/`, loaded once, and the HTML responses made with them.
/// Every `{{value}}` is HTML-escaped by Mustache; no template uses the unescaped form.
struct Views: Sendable {
    let library: MustacheLibrary
    /// The county's identity every page is rendered with (`county`).
    let identity: CountyIdentityCache

    /// Loads the templates shipped in the target's resources, and checks that every page type
    /// (`Pages.all`) names one of them: a misnamed template stops the start.
    static func load() async throws -> Views {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw ViewError.missingTemplates
        }
        let library = try await MustacheLibrary(directory: directory)
        try check(library, pages: Pages.all)
        return Views(library: library, identity: CountyIdentityCache())
    }

    /// Throws `ViewError.missingPageTemplates` naming each page type whose template `library`
    /// does not hold.
    static func check(_ library: MustacheLibrary, pages: [any Page.Type]) throws(ViewError) {
        let missing = pages.filter { library.getTemplate(named: $0.template) == nil }.map { "\($0)（\($0.template).mustache）" }
        guard missing.isEmpty else { throw .missingPageTemplates(missing) }
    }

    /// An HTML response of `page` rendered with its template.
    func page<P: Page>(_ page: P, status: HTTPResponse.Status = .ok) -> Response {
        self.page(P.template, page, status: status)
    }

    /// The page's HTML, rendered with its template (see `html(_:_:)`).
    func html<P: Page>(_ page: P) -> String {
        html(P.template, page)
    }

    /// An HTML response of a template rendered with `object` (the public forms' controller's
    /// way; a typed `Page` names its template once).
    func page(_ template: String, _ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = html(template, object)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page's HTML, rendered with the county's identity (`identity`) as
    /// `county` beside the page's own values.
    func html(_ template: String, _ object: Any) -> String {
        let object = IdentifiedPage(county: CountyView(identity.current), page: object)
        return library.render(object, withTemplate: template) ?? "<!doctype html><title>评议</title><p>页面模板缺失</p>"
    }

    /// A message page (errors, thanks, closed campaigns).
    func message(_ message: MessagePage, status: HTTPResponse.Status) -> Response {
        page(message, status: status)
    }
}

/// Why the views could not be loaded.
enum ViewError: Error, Equatable, CustomStringConvertible {
    /// The `Templates` directory is not among the target's resources.
    case missingTemplates
    /// Page types whose template is not in the library (each 「Type（name.mustache）」).
    case missingPageTemplates([String])

    var description: String {
        switch self {
        case .missingTemplates: "页面模板目录缺失"
        case .missingPageTemplates(let pages): "页面模板缺失：\(pages.joined(separator: "、"))"
        }
    }
}
