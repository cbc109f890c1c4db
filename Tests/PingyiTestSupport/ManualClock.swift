import Synchronization

/// A clock a test moves by hand: its `now` is passed to what would read `ContinuousClock.now`
/// (the rate limiters, the sign-in throttle), and `advance(by:)` moves it, so a test waits out a
/// window without sleeping.
public final class ManualClock: Sendable {
    private let instant: Mutex<ContinuousClock.Instant>

    /// Starts at the real clock's present moment.
    public init() {
        instant = Mutex(ContinuousClock.now)
    }

    /// The clock's moment.
    public func now() -> ContinuousClock.Instant { instant.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        instant.withLock { $0 = $0.advanced(by: duration) }
    }
}
