import Foundation

/// Whether a campaign takes ballots at a given moment: its state and its planned dates together.
/// A campaign that is open but past its `closesAt` takes no more ballots even before anyone runs
/// `campaign close`; one that is open before its `opensAt` takes none yet.
public enum CampaignAcceptance: Hashable, Sendable {
    /// Ballots are accepted.
    case accepting
    /// Not yet: the campaign is a draft or its opening time has not come (the time, when planned).
    case notYetOpen(opensAt: Date?)
    /// No more: closed, published, or past its closing time.
    case closed
}

extension Campaign {
    /// Whether the campaign takes ballots at `now`.
    public func acceptance(at now: Date) -> CampaignAcceptance {
        switch state {
        case .draft: return .notYetOpen(opensAt: opensAt)
        case .closed, .published: return .closed
        case .open:
            if let closesAt, now >= closesAt { return .closed }
            if let opensAt, now < opensAt { return .notYetOpen(opensAt: opensAt) }
            return .accepting
        }
    }
}
