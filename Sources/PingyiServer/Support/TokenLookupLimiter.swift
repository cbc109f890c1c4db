/// Counts failed token look-ups per client address in a fixed window: past the limit, the
/// address gets 429 until its window ends, so tokens cannot be guessed by brute force. Real
/// tokens from other addresses are unaffected.
actor TokenLookupLimiter {
    private struct Window {
        var start: ContinuousClock.Instant
        var failures: Int
    }

    private let limit: Int
    private let window: Duration
    private var windows: [String: Window] = [:]

    init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Whether the address has used up its failures.
    func isBlocked(_ address: String) -> Bool {
        guard let current = windows[address] else { return false }
        if ContinuousClock.now - current.start >= window {
            windows[address] = nil
            return false
        }
        return current.failures >= limit
    }

    /// Counts one failed look-up.
    func recordFailure(_ address: String) {
        let now = ContinuousClock.now
        if var current = windows[address], now - current.start < window {
            current.failures += 1
            windows[address] = current
        } else {
            windows[address] = Window(start: now, failures: 1)
        }
        // Forget finished windows now and then, so the table stays small.
        if windows.count > 10_000 {
            windows = windows.filter { now - $0.value.start < window }
        }
    }
}
