import PingyiCore
import PingyiPostgres
import Synchronization

/// How large a ballot form's body may be: enough for the longest ballot of any open campaign
/// of a kind (`BallotLength.formBodyLimit`), never less than `floor`. The body is read before
/// the invitation is looked up, so the limit is the open campaigns' largest, read in one query
/// and kept for a few seconds like the ballot directory.
final class BallotBodyLimit: Sendable {
    private struct Snapshot {
        let limits: [CampaignKind: Int]
        let loaded: ContinuousClock.Instant
    }

    private let snapshot = Mutex<Snapshot?>(nil)
    private let lifetime: Duration
    /// Time, from the continuous clock (a test passes a clock it moves by hand).
    private let now: @Sendable () -> ContinuousClock.Instant
    private let floor: Int

    init(lifetime: Duration, floor: Int, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.lifetime = lifetime
        self.now = now
        self.floor = floor
    }

    /// The limit for a form of `kind` while the last reading is fresh, else `nil`.
    func cached(kind: CampaignKind) -> Int? {
        guard let cached = snapshot.withLock({ $0 }), now() - cached.loaded < lifetime else { return nil }
        return cached.limits[kind] ?? floor
    }

    /// The limit of the last reading however old, else the floor: what a form may post while
    /// the database cannot be asked (the retry page still needs the body).
    func last(kind: CampaignKind) -> Int {
        snapshot.withLock { $0 }?.limits[kind] ?? floor
    }

    /// The limit for a form of `kind`, read anew.
    func limit(kind: CampaignKind, on connection: Connection) throws -> Int {
        let now = self.now()
        var limits: [CampaignKind: Int] = [:]
        for row in try connection.query(
            "SELECT kind, max(ballot_length) AS length FROM campaigns WHERE state = 'open' AND ballot_length IS NOT NULL GROUP BY kind"
        ).rows {
            guard let kind = CampaignKind(rawValue: try row.decode("kind")) else { continue }
            limits[kind] = max(floor, BallotLength.formBodyLimit(campaignLength: try row.decode("length")))
        }
        snapshot.withLock { $0 = Snapshot(limits: limits, loaded: now) }
        return limits[kind] ?? floor
    }
}
