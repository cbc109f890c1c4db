/// A jump link of the long form's table of contents: one per department.
struct ContentsEntry: Sendable {
    /// `#` and the department section's id.
    let href: String
    /// The department's name.
    let name: String
    /// How many chiefs it has on this ballot (merchant review), or nil.
    let chiefCount: Int?
}
