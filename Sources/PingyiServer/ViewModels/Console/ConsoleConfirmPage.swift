/// The confirmation step before a campaign is opened, closed or published, or its unused
/// invitations are revoked and issued anew.
struct ConsoleConfirmPage: Page {
    /// `Templates/console-confirm.mustache`.
    static let template = "console-confirm"

    let member: ConsoleMemberView
    let csrf: String
    let heading: String
    var consequence: String
    let action: String
    let field: String
    let value: String
    let button: String
    /// Whether the form has the field for the private ballot key.
    var needsKey: Bool
    /// Whether the form asks for a reason.
    let needsReason: Bool
    /// Opening: the key pair is made in the browser (`console.js`), the public half posted.
    var generatesKey = false
    /// The campaign's id (the key file's name and text).
    var campaignID = 0
    /// Closing: the campaign's invitations not used, and the sealed ballots the count will open.
    var unused = 0
    var sealed = 0
    /// Opening ahead of the planned start: that start, as the office reads it (the office
    /// chooses to keep it or to take answers at once).
    var plannedStart: String?
    /// Opening with no invitation issued yet: nobody can answer until links go out.
    var noInvitations = false
    /// Closing: the campaign's key fingerprint, checked against the chosen file in the browser.
    var fingerprint = ""
    /// Closing: the valid votes a chief needs to be ranked (the year's policy).
    var minBallots = 5
}
