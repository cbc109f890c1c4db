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

    /// Loads the templates shipped in the target's resources.
    static func load() async throws -> Views {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw ViewError.missingTemplates
        }
        return Views(library: try await MustacheLibrary(directory: directory), identity: CountyIdentityCache())
    }

    /// An HTML response of a template rendered with `object`.
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
        page("message", message, status: status)
    }
}

/// Why the views could not be loaded.
enum ViewError: Error {
    case missingTemplates
}
