import Foundation
import PingyiCore
import PingyiPostgres
import Synchronization

/// The campaigns ballots were lately posted to, each kept for `lifetime`: a ballot with a valid
/// `FormGrant` reads its campaign (template, sealing key, length) from here instead of the
/// database. A campaign's state and dates may change meanwhile; the claim checks them in the
/// database, so a stale copy can only send a ballot down the slow path, never store it wrongly.
final class CampaignCache: Sendable {
    private struct Entry {
        let campaign: Campaign
        let loaded: ContinuousClock.Instant
    }

    private let entries = Mutex<[Int: Entry]>([:])
    private let lifetime: Duration
    /// Time, from the continuous clock (a test passes a clock it moves by hand).
    private let now: @Sendable () -> ContinuousClock.Instant
    /// The most campaigns kept (a county has a few open at once).
    static let capacity = 64

    init(lifetime: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.lifetime = lifetime
        self.now = now
    }

    /// Keeps `campaign`, read just now.
    func keep(_ campaign: Campaign) {
        let now = self.now()
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[campaign.id] == nil { entries.removeAll() }
            entries[campaign.id] = Entry(campaign: campaign, loaded: now)
        }
    }

    /// The campaign `id`: the copy kept, or else read with `send` on `connection` (and kept).
    func campaign(_ id: Int, on connection: Connection) async throws -> Campaign? {
        let now = self.now()
        if let entry = entries.withLock({ $0[id] }), now - entry.loaded < lifetime { return entry.campaign }
        guard let row = try await connection.send("SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE id = \(id)").first else {
            return nil
        }
        let campaign = try CampaignStore.decode(row)
        keep(campaign)
        return campaign
    }
}
