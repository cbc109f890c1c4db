/// Where a campaign stands: draft → open → closed → published, in that order only.
public enum CampaignState: String, Sendable, Codable, CaseIterable {
    /// Being prepared; invitations may be issued.
    case draft
    /// Accepting ballots.
    case open
    /// No longer accepting ballots; ballots moved out of the ballot box.
    case closed
    /// Results official; read-only.
    case published

    /// The Chinese name.
    public var label: String {
        switch self {
        case .draft: "草稿"
        case .open: "进行中"
        case .closed: "已结束"
        case .published: "已归档"
        }
    }

    /// The one state this one may move to, if any.
    public var next: CampaignState? {
        switch self {
        case .draft: .open
        case .open: .closed
        case .closed: .published
        case .published: nil
        }
    }

    /// Whether invitations may still be issued.
    public var acceptsInvitations: Bool { self == .draft || self == .open }
}
