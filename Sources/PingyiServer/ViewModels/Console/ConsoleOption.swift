/// One choice of a `<select>` of the console's filters.
struct ConsoleOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}
