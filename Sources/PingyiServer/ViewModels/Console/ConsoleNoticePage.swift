import PingyiCore

/// A 通报's print page: the document as it prints on A4 (红头, 文号, title, body, tables, 落款,
/// date), above it — not printed — the 文号 box and the Word download.
struct ConsoleNoticePage: Page {
    /// `Templates/console-notice.mustache`.
    static let template = "console-notice"

    struct Cell: Sendable {
        let text: String
        let figure: Bool
    }

    struct Row: Sendable {
        let cells: [Cell]
    }

    struct Header: Sendable {
        let text: String
        let figure: Bool
    }

    struct Section: Sendable {
        let heading: String
        let note: String?
        let headers: [Header]
        let rows: [Row]
        let hasRows: Bool
    }

    /// A hidden field of the 文号 form (the year, month or quarter shown).
    struct Field: Sendable {
        let name: String
        let value: String
    }

    let member: ConsoleMemberView
    let pageTitle: String
    let officeName: String
    let docNumber: String
    let title: String
    let recipients: String
    let body: [String]
    let sections: [Section]
    let seal: String
    let date: String
    /// The page's address (the 文号 form is sent to it), its fields, the Word file and the way back.
    let action: String
    let fields: [Field]
    let docx: String
    let back: String
    let backLabel: String
    /// Why the typed 文号 was refused, if it was.
    let problem: String?

    init(
        member: ConsoleMemberView, notice: Notice, action: String, fields: [(String, String)], back: String, backLabel: String,
        problem: String? = nil
    ) {
        self.member = member
        pageTitle = notice.title
        officeName = notice.officeName
        docNumber = notice.docNumber
        title = notice.title
        recipients = notice.recipients
        body = notice.body
        sections = notice.sections.map { section in
            Section(
                heading: section.heading, note: section.note, headers: section.columns.map { Header(text: $0.header, figure: $0.figure) },
                rows: section.rows.map { values in Row(cells: section.columns.map { Cell(text: values[$0.field] ?? "", figure: $0.figure) }) },
                hasRows: !section.rows.isEmpty)
        }
        seal = notice.seal
        date = notice.date
        self.action = action
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
        let query = (fields + [("number", notice.docNumber)]).map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        docx = "\(action).docx?\(query)"
        self.back = back
        self.backLabel = backLabel
        self.problem = problem
    }

    /// A query value percent-encoded (the 文号 holds 〔〕 and Chinese).
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
