import Mustache

/// A page's view model with the county's identity beside it: `county` is the identity, every
/// other name is the page's own (looked up as Mustache looks up a plain value, by reflection).
struct IdentifiedPage: MustacheParent {
    let county: CountyView
    let page: Any

    func child(named name: String) -> Any? {
        if name == "county" { return county }
        if let parent = page as? MustacheParent { return parent.child(named: name) }
        guard let value = Mirror(reflecting: page).children.first(where: { $0.label == name })?.value else { return nil }
        // An optional is its wrapped value, or nothing (so that `{{#value}}` is false for nil).
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
