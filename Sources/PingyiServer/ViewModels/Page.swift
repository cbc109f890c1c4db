/// A page's view model, naming the template of `Templates/` it is rendered with. Every type is
/// listed in `Pages.all`, and `Views.load` checks at start-up that each names a loaded template (a
/// misnamed one stops the server from starting instead of rendering 「页面模板缺失」).
protocol Page: Sendable {
    /// The template's name: its file in `Templates/` without `.mustache`.
    static var template: String { get }
}
