import Foundation

/// 活动: one campaign of an appraisal year, with the copy of the template it runs on.
public struct Campaign: Hashable, Sendable {
    /// The campaign's id.
    public var id: Int
    /// The appraisal year.
    public var year: Int
    /// Merchant review or star rating.
    public var kind: CampaignKind
    /// Where it stands.
    public var state: CampaignState
    /// The template, as copied into the database when the campaign was created.
    public var template: SurveyTemplate
    /// SHA-256 of the template's text.
    public var templateSHA256: String
    /// When it is planned to open, if set.
    public var opensAt: Date?
    /// When it is planned to close, if set.
    public var closesAt: Date?
    /// The public key its ballots are sealed with (set when it opens; nil for a draft, and for
    /// campaigns opened before ballots were sealed).
    public var sealingKey: BallotSealingKey?
    /// The one padded length of every sealed ballot (`BallotLength`), fixed when the campaign
    /// opened; `nil` before it opens, and for campaigns opened before lengths were fixed.
    public var ballotLength: Int?
    /// For a campaign opened for the joint count (多方联合计票): the SHA-256 (hex) of its stored
    /// manifest and key ceremony, by which the store finds them; nil for a sealed campaign.
    public var jointTally: String?

    /// Whether its ballots are encrypted for the joint count rather than sealed for one key.
    public var isJoint: Bool { jointTally != nil }

    /// Makes a campaign.
    public init(
        id: Int, year: Int, kind: CampaignKind, state: CampaignState, template: SurveyTemplate, templateSHA256: String, opensAt: Date?,
        closesAt: Date?, sealingKey: BallotSealingKey? = nil, ballotLength: Int? = nil,
        jointTally: String? = nil
    ) {
        self.id = id
        self.year = year
        self.kind = kind
        self.state = state
        self.template = template
        self.templateSHA256 = templateSHA256
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.sealingKey = sealingKey
        self.ballotLength = ballotLength
        self.jointTally = jointTally
    }
}
