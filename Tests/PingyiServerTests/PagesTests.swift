import Foundation
import Mustache
import Testing

@testable import PingyiServer

/// Every page type names a template that exists, and the start-up check stops a misnamed one.
@Suite("Typed pages and their templates")
struct PagesTests {
    /// The templates that are parts of pages, never rendered on their own.
    static let partials: Set<String> = ["layout", "console-layout", "console-brand", "question"]

    static var templatesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PingyiServer/Templates")
    }

    @Test("every page type's template is in the loaded library, and every template but the partials is some page's")
    func everyTemplate() async throws {
        let views = try await Views.load()
        for page in Pages.all {
            #expect(views.library.getTemplate(named: page.template) != nil, "\(page) names \(page.template)")
        }
        #expect(Set(Pages.all.map { $0.template }).count == Pages.all.count, "two page types share a template")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.templatesDirectory.path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(Set(files).subtracting(Self.partials) == Set(Pages.all.map { $0.template }))
    }

    struct BogusPage: Page {
        static let template = "console-no-such-page"
    }

    @Test("a page type naming a template that does not exist stops the start (not 「页面模板缺失」 with 200)")
    func bogusTemplate() async throws {
        let views = try await Views.load()
        #expect(throws: ViewError.missingPageTemplates(["BogusPage（console-no-such-page.mustache）"])) {
            try Views.check(views.library, pages: [ConsoleYearsPage.self, BogusPage.self])
        }
        try Views.check(views.library, pages: [ConsoleYearsPage.self, MessagePage.self])
        #expect(throws: ViewError.self) { try Views.check(MustacheLibrary(), pages: Pages.all) }
    }

    @Test("a typed page renders exactly what its template name rendered")
    func sameOutput() async throws {
        let views = try await Views.load()
        let page = MessagePage(heading: "标题", message: "内容<b>")
        #expect(views.html(page) == views.html("message", page))
        let response = views.page(page, status: .notFound)
        #expect(response.status == .notFound)
    }
}
