/// 「多方联合计票」 of a draft campaign: the trustees and the quorum to choose, then each trustee's
/// share file to download, then the opening.
struct ConsoleJointPage: Page {
    /// `Templates/console-joint.mustache`.
    static let template = "console-joint"

    let member: ConsoleMemberView
    let csrf: String
    let campaignID: Int
    let heading: String
    /// The trustees to suggest (the setup form), or nil once a ceremony is made.
    let setup: Setup?
    /// The share files of the ceremony made (nil before).
    let shares: Shares?

    struct Setup: Sendable {
        let names: [Name]
        let quorums: [Quorum]
    }

    struct Name: Sendable {
        let number: Int
        let value: String
    }

    struct Quorum: Sendable {
        let value: Int
        let selected: Bool
    }

    struct Shares: Sendable {
        let quorum: Int
        let count: Int
        let files: [File]
        let allDownloaded: Bool
        let expires: String
    }

    struct File: Sendable {
        let index: Int
        let name: String
        let downloaded: Bool
    }
}
