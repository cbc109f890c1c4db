import Foundation
import PingyiStore
import PingyiTally

/// The key ceremonies the console has made and not yet used: each draft campaign's, with which
/// trustees' share files have been downloaded. Held in this process's memory only, for
/// `lifetime`; the campaign opens with its ceremony once every file was downloaded, and then the
/// shares are forgotten here. A ceremony left unused expires and leaves the campaign a draft.
actor JointCeremonyDesk {
    struct Pending {
        let ceremony: PreparedCeremony
        var downloaded: Set<Int>
        let expires: Date
    }

    static let lifetime: TimeInterval = 30 * 60
    private var pending: [Int: Pending] = [:]

    func keep(_ ceremony: PreparedCeremony, now: Date = Date()) {
        sweep(now)
        pending[ceremony.campaignID] = Pending(ceremony: ceremony, downloaded: [], expires: now.addingTimeInterval(Self.lifetime))
    }

    func find(_ campaignID: Int, now: Date = Date()) -> Pending? {
        sweep(now)
        return pending[campaignID]
    }

    /// Trustee `index`'s share, marked as downloaded.
    func download(_ campaignID: Int, index: Int, now: Date = Date()) -> TrusteeShare? {
        sweep(now)
        guard var entry = pending[campaignID], let share = entry.ceremony.shares.first(where: { $0.index == index }) else { return nil }
        entry.downloaded.insert(index)
        pending[campaignID] = entry
        return share
    }

    /// The ceremony, taken off the desk when every share was downloaded.
    func take(_ campaignID: Int, now: Date = Date()) -> PreparedCeremony? {
        sweep(now)
        guard let entry = pending[campaignID], entry.downloaded.count == entry.ceremony.shares.count else { return nil }
        pending[campaignID] = nil
        return entry.ceremony
    }

    func forget(_ campaignID: Int) { pending[campaignID] = nil }

    private func sweep(_ now: Date) { pending = pending.filter { $0.value.expires > now } }
}
