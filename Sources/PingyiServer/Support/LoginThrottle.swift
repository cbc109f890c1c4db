/// Slows down guessing one account's password from many addresses: after three failed sign-ins
/// of a login, each further attempt must wait a delay that doubles with every failure (1 s, 2 s,
/// 4 s … at most 30 s), and a success or a quarter of an hour without failures forgets them. The
/// delay is short on purpose: an attacker can make the real user wait, never lock them out.
/// An attempt is counted when it is allowed (`reserve`), before bcrypt runs, so concurrent
/// attempts cannot all slip through before the first failure is known. The sign-in form and the
/// password page's current-password check count against the same login.
/// Time is read from `now` (the continuous clock; a test passes a clock it moves by hand).
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
    private let now: @Sendable () -> ContinuousClock.Instant

    init(
        step: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.step = step
        self.maxDelay = maxDelay
        self.now = now
    }

    /// How long `login` must still wait before its next attempt, or nil when it may try now.
    func wait(for login: String) -> Duration? {
        let now = self.now()
        guard let record = records[login] else { return nil }
        if now - record.last >= Self.memory {
            records[login] = nil
            return nil
        }
        let remaining = delay(after: record.failures) - (now - record.last)
        return remaining > .zero ? remaining : nil
    }

    /// Counts an attempt of `login` as failed before its password is checked: nil, and the
    /// attempt counted, when it may be made now; else how long it must still wait, and nothing
    /// counted. Checking and counting in one step is what keeps a burst of concurrent attempts
    /// within the delay (checked before bcrypt and counted after it, 30 simultaneous attempts all
    /// ran bcrypt). The outcome is then reported: `failed` (the count stays), `succeeded` (all
    /// forgotten) or `refund` (the check did not happen).
    func reserve(_ login: String) -> Duration? {
        if let wait = wait(for: login) { return wait }
        let now = self.now()
        var record = records[login] ?? Record(failures: 0, last: now)
        record.failures += 1
        record.last = now
        records[login] = record
        if records.count > 50_000 { records = records.filter { now - $0.value.last < Self.memory } }
        return nil
    }

    /// A reserved attempt of `login` failed: it stays counted, and the delay runs from now.
    func failed(_ login: String) {
        let now = self.now()
        guard var record = records[login] else {
            records[login] = Record(failures: 1, last: now)
            return
        }
        record.last = max(record.last, now)
        records[login] = record
    }

    /// Gives back a reserved attempt whose password was never checked (bcrypt was busy).
    func refund(_ login: String) {
        guard var record = records[login] else { return }
        record.failures -= 1
        records[login] = record.failures > 0 ? record : nil
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
