/// 「输入邀请码」: the form of `/s` opened without a link, for the typed code of a printed letter.
struct CodeEntryPage: Page {
    /// `Templates/code.mustache`.
    static let template = "code"

    let title = "输入邀请码"
    let action: String
    let failed: Bool
    /// What was typed, shown again for correction after a wrong code.
    let typed: String
}
