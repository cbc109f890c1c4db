import Mustache

/// One choice of a `<select>` of the console's filters.
struct ConsoleOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

extension ConsoleOption: MustacheParent {
    /// The template's keys without `Mirror` (hundreds of rows a page: reflection was most of it).
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}
