import PingyiCore

/// What an upload would do (新增 / 更新 / 未变 per kind of row) before 确认导入, or every problem
/// by row and column when it cannot be imported; after the import, what it did.
struct ConsoleImportPreviewPage: Page {
    /// `Templates/console-import-preview.mustache`.
    static let template = "console-import-preview"

    /// A kind of row with its counts.
    struct Count: Sendable {
        let entity: String
        let inserted: Int
        let updated: Int
        let unchanged: Int
    }

    /// A problem of the file.
    struct Problem: Sendable {
        let line: Int
        let column: String
        let message: String
    }

    let member: ConsoleMemberView
    let csrf: String
    let year: Int
    let heading: String
    let label: String
    let fileName: String
    let note: String?
    let counts: [Count]
    let problems: [Problem]
    let hasProblems: Bool
    /// The upload to confirm (nil once imported or when refused).
    let confirm: String?
    let imported: Bool

    init(
        member: ConsoleMemberView, csrf: String, year: Int, label: String, fileName: String, note: String? = nil,
        summary: ImportSummary? = nil, issues: [FileIssue] = [], confirm: String? = nil, imported: Bool = false
    ) {
        self.member = member
        self.csrf = csrf
        self.year = year
        self.label = label
        self.fileName = fileName
        self.note = note
        counts = summary?.counts.map { Count(entity: $0.entity, inserted: $0.inserted, updated: $0.updated, unchanged: $0.unchanged) } ?? []
        problems = issues.map { Problem(line: $0.line, column: $0.column ?? "", message: $0.message) }
        hasProblems = !issues.isEmpty
        self.confirm = confirm
        self.imported = imported
        heading = imported ? "已导入：\(label)" : (issues.isEmpty ? "导入预览：\(label)" : "无法导入：\(label)")
    }
}
