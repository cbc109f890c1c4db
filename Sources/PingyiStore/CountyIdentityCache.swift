import Foundation
import PingyiCore
import Synchronization

/// A server's copy of the county's identity, which every page it renders uses: read at start,
/// replaced when the office saves, and read again in the background once older than
/// `CountyIdentityStore.freshness`, so that a second node learns of a change within that time.
public final class CountyIdentityCache: Sendable {
    private let state = Mutex<(identity: CountyIdentity, readAt: ContinuousClock.Instant?, reading: Bool)>((.unset, nil, false))

    /// An empty copy (`.unset` until first read).
    public init() {}

    /// The copy.
    public var current: CountyIdentity { state.withLock { $0.identity } }

    /// Replaces the copy with what was just read or saved.
    func set(_ identity: CountyIdentity) {
        state.withLock { $0 = (identity, .now, false) }
    }

    /// Whether the copy is older than `freshness` and no read is under way; if so, the caller
    /// reads it (and no other caller does until `set` or `readFailed`).
    func claimRead(freshness: Duration) -> Bool {
        state.withLock {
            if $0.reading { return false }
            if let readAt = $0.readAt, readAt.duration(to: .now) < freshness { return false }
            $0.reading = true
            return true
        }
    }

    /// A read that failed: the copy stays, and the next request tries again.
    func readFailed() {
        state.withLock { $0.reading = false }
    }
}
