/// A 通报 the office issues: the annual result, a month's 调度 or a quarter's ranking of problem
/// handling, in the usual official layout — the 红头 (the office's name), the 文号 the office
/// types, a title, the addressees, the body, headed tables, the 落款 and the date. One content,
/// two renderings: a Word file from a shipped template (`NoticeDocx`), which offices edit before
/// issuing, and the console's print page (PDF through the browser).
public struct Notice: Sendable, Equatable {
    /// Which 通报 it is; each has its template.
    public enum Kind: String, Sendable, CaseIterable {
        case annual, monthly, quarterly

        /// The template's file name (without `.docx`).
        public var template: String { "tongbao-\(rawValue)" }
    }

    /// A headed table, with a sentence before it (`note`, e.g. that nobody was flagged).
    public struct Section: Sendable, Equatable {
        /// The heading (一、…).
        public var heading: String
        /// The sentence before the table, and its placeholder in the template.
        public var note: String?
        public var noteKey: String?
        /// The list's name in the template (`{{list.field}}`).
        public var list: String
        /// Column headers and the fields under them, in order.
        public var columns: [Column]
        /// One value per field, per row.
        public var rows: [[String: String]]

        public init(heading: String, note: String? = nil, noteKey: String? = nil, list: String, columns: [Column], rows: [[String: String]]) {
            self.heading = heading
            self.note = note
            self.noteKey = noteKey
            self.list = list
            self.columns = columns
            self.rows = rows
        }
    }

    /// A table's column: its header and field.
    public struct Column: Sendable, Equatable {
        public var header: String
        public var field: String
        /// Whether its values are figures (right-aligned on the print page).
        public var figure: Bool

        public init(_ header: String, _ field: String, figure: Bool = false) {
            self.header = header
            self.field = field
            self.figure = figure
        }
    }

    public var kind: Kind
    /// The office's name on the 红头.
    public var officeName: String
    /// The 文号, as the office typed it (may be empty: filled in by hand before issuing).
    public var docNumber: String
    public var title: String
    /// The addressees (各有关部门：).
    public var recipients: String
    /// The body, a paragraph a line.
    public var body: [String]
    public var sections: [Section]
    /// The 落款 and the date it is issued on.
    public var seal: String
    public var date: String

    public init(
        kind: Kind, officeName: String, docNumber: String, title: String, recipients: String, body: [String], sections: [Section], seal: String,
        date: String
    ) {
        self.kind = kind
        self.officeName = officeName
        self.docNumber = docNumber
        self.title = title
        self.recipients = recipients
        self.body = body
        self.sections = sections
        self.seal = seal
        self.date = date
    }

    /// The single values of the template: `{{officeName}}`, `{{title}}`, the sections' notes…
    public var values: [String: String] {
        var values = [
            "officeName": officeName, "docNumber": docNumber, "title": title, "recipients": recipients, "seal": seal, "date": date,
        ]
        for section in sections {
            if let key = section.noteKey { values[key] = section.note ?? "" }
        }
        return values
    }

    /// The longest 文号 an office types (e.g. 清营商办〔2026〕12号).
    public static let docNumberLimit = 40

    /// A typed 文号, trimmed, or why it is refused.
    public static func docNumber(_ typed: String) throws(NoticeError) -> String {
        let number = typed.trimmingSpaces()
        guard number.unicodeScalars.count <= docNumberLimit else { throw .docNumberTooLong(docNumberLimit) }
        guard !number.unicodeScalars.contains(where: { CountyIdentity.isRefused($0) || $0 == "{" || $0 == "}" }) else {
            throw .docNumberCharacters
        }
        return number
    }
}
