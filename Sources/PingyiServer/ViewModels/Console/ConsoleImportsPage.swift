import PingyiWorkflows

/// 导入名单 of a year: the lists it is built on, each with its template and an upload form.
struct ConsoleImportsPage: Page {
    /// `Templates/console-imports.mustache`.
    static let template = "console-imports"

    /// One kind of list.
    struct Kind: Sendable {
        let value: String
        let label: String
        let columns: String
        /// What importing it again does (`ImportWorkflow.Kind.reimportRule`).
        let rule: String?
    }

    let member: ConsoleMemberView
    let csrf: String
    let year: Int
    let kinds: [Kind]

    init(member: ConsoleMemberView, csrf: String, year: Int) {
        self.member = member
        self.csrf = csrf
        self.year = year
        kinds = ImportWorkflow.Kind.allCases.map { kind in
            Kind(
                value: kind.rawValue, label: kind.label,
                columns: kind.columns.map { $0.names[0] + ($0.required ? "" : "（选填）") }.joined(separator: "、"),
                rule: kind.reimportRule)
        }
    }
}
