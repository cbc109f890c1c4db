/// The confirmation step before a campaign is opened, closed or published, or its unused
/// invitations are revoked and issued anew.
struct ConsoleConfirmPage: Sendable {
    let member: ConsoleMemberView
    let csrf: String
    let heading: String
    let consequence: String
    let action: String
    let field: String
    let value: String
    let button: String
    /// Whether the form has the field for the private ballot key.
    let needsKey: Bool
    /// Whether the form asks for a reason.
    let needsReason: Bool
}
