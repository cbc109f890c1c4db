/// Slows down guessing one account's password from many addresses: after three failed sign-ins
/// of a login, each further attempt must wait a delay that doubles with every failure (1 s, 2 s,
/// 4 s … at most 30 s), and a success or a quarter of an hour without failures forgets them. The
/// delay is short on purpose: an attacker can make the real user wait, never lock them out.
actor LoginThrottle {
    private struct Record {
        var failures: Int
        var last: ContinuousClock.Instant
    }

    private var records: [String: Record] = [:]
    static let free = 3
    static let memory: Duration = .seconds(900)
    /// The longest delay (30 s in the server).
    let maxDelay: Duration
    /// The first delay, doubled with each further failure.
    let step: Duration

    init(step: Duration = .seconds(1), maxDelay: Duration = .seconds(30)) {
        self.step = step
        self.maxDelay = maxDelay
    }

    /// How long `login` must still wait before its next attempt, or nil when it may try now.
    func wait(for login: String) -> Duration? {
        let now = ContinuousClock.now
        guard let record = records[login] else { return nil }
        if now - record.last >= Self.memory {
            records[login] = nil
            return nil
        }
        let remaining = delay(after: record.failures) - (now - record.last)
        return remaining > .zero ? remaining : nil
    }

    /// Counts a failed sign-in of `login`.
    func failed(_ login: String) {
        let now = ContinuousClock.now
        var record = records[login].flatMap { now - $0.last < Self.memory ? $0 : nil } ?? Record(failures: 0, last: now)
        record.failures += 1
        record.last = now
        records[login] = record
        if records.count > 50_000 { records = records.filter { now - $0.value.last < Self.memory } }
    }

    /// Forgets the failures of `login` after a successful sign-in.
    func succeeded(_ login: String) {
        records[login] = nil
    }

    /// The wait after `failures` failed sign-ins.
    nonisolated func delay(after failures: Int) -> Duration {
        guard failures >= Self.free else { return .zero }
        return min(step * (1 << min(failures - Self.free, 10)), maxDelay)
    }
}
