/// Counts failed attempts (token look-ups, sign-ins) per client address in a fixed window: past
/// the limit, the address gets 429 until its window ends, so tokens and passwords cannot be
/// guessed by brute force; other addresses are unaffected. IPv6 addresses count by their /64.
///
/// The table is bounded: finished windows are pruned when it has doubled since the last pruning
/// (so a failure costs amortised constant time however many addresses there are), and beyond
/// `capacity` addresses the ones whose windows started first are forgotten.
///
/// Time is read from `now` (the continuous clock; a test passes a clock it moves by hand).
actor TokenLookupLimiter {
    private struct Window {
        var start: ContinuousClock.Instant
        var failures: Int
    }

    private let limit: Int
    private let window: Duration
    private let capacity: Int
    private var windows: [String: Window] = [:]
    private var pruneAt: Int
    private let now: @Sendable () -> ContinuousClock.Instant

    init(
        limit: Int, window: Duration, capacity: Int = 100_000, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
        self.now = now
        pruneAt = min(1024, capacity)
    }

    /// How many addresses are remembered.
    var count: Int { windows.count }

    /// Whether the address has used up its failures.
    func isBlocked(_ address: String) -> Bool {
        let key = ClientAddress.limiterKey(address)
        guard let current = windows[key] else { return false }
        if now() - current.start >= window {
            windows[key] = nil
            return false
        }
        return current.failures >= limit
    }

    /// An attempt counted by `reserve`: the address's key and the window it was counted in.
    struct Reservation: Sendable {
        let key: String
        let window: ContinuousClock.Instant
    }

    /// Counts one failed attempt.
    func recordFailure(_ address: String) {
        _ = reserve(address)
    }

    /// Counts an attempt before it is made (a look-up, a sign-in before bcrypt): `nil`, and
    /// nothing counted, when the address is blocked already. A successful attempt is given back
    /// with `refund`. Checking and counting in one step keeps a burst of concurrent attempts
    /// within the limit.
    func reserve(_ address: String) -> Reservation? {
        let key = ClientAddress.limiterKey(address)
        let now = self.now()
        if var current = windows[key], now - current.start < window {
            guard current.failures < limit else { return nil }
            current.failures += 1
            windows[key] = current
            return Reservation(key: key, window: current.start)
        }
        windows[key] = Window(start: now, failures: 1)
        if windows.count >= pruneAt { prune(now) }
        return Reservation(key: key, window: now)
    }

    /// Gives back an attempt counted by `reserve` that succeeded — only into the window it was
    /// counted in: an answer that comes after the window ended (a slow database) refunds nothing
    /// into the next one, which would let that window take more guesses than the limit.
    func refund(_ reservation: Reservation) {
        guard var current = windows[reservation.key], current.start == reservation.window, current.failures > 0 else { return }
        current.failures -= 1
        windows[reservation.key] = current
    }

    private func prune(_ now: ContinuousClock.Instant) {
        windows = windows.filter { now - $0.value.start < window }
        if windows.count > capacity {
            let keep = windows.sorted { $0.value.start > $1.value.start }.prefix(capacity * 3 / 4)
            windows = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
        pruneAt = min(max(windows.count * 2, 1024), capacity)
    }
}
