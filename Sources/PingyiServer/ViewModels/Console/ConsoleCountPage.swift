/// 「联合计票」 of a closed campaign of the joint count: which trustees have given their shares, how
/// many are needed, and the form to give one (the share file chosen from its USB stick).
struct ConsoleCountPage: Page {
    /// `Templates/console-count.mustache`.
    static let template = "console-count"

    let member: ConsoleMemberView
    let csrf: String
    let campaignID: Int
    let year: Int
    let heading: String
    /// The encrypted ballots received.
    let ballots: Int
    /// 「答卷指纹」 of the box as it is now (nil once counted), or why the box does not hold.
    let fingerprint: String?
    let tampered: String?
    let quorum: Int
    let trustees: [Trustee]
    let counted: Bool
    /// What the last upload did, said once.
    let notice: String?

    struct Trustee: Sendable {
        let name: String
        let given: Bool
    }
}
