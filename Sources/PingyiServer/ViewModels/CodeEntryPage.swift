/// 「输入邀请码」: the form of `/s` opened without a link, for the typed code of a printed letter.
struct CodeEntryPage: Sendable {
    let title = "输入邀请码"
    let action: String
    let failed: Bool
}
