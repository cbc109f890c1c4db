import Foundation

extension Campaign {
    /// Why the planned times cannot become `opensAt` and `closesAt` at `now`, or `nil` — one rule
    /// for the console and `pingyi campaign schedule`. A draft may take any times (closing after
    /// opening). An open campaign not yet taking answers (opened ahead of its planned start) may
    /// move its start; one that takes answers keeps it. An open campaign's closing time may move,
    /// to extend or shorten it, but not into the past. A closed campaign keeps its times.
    public func rescheduleRefusal(opensAt newOpensAt: Date?, closesAt newClosesAt: Date?, now: Date) -> CampaignError? {
        if let newOpensAt, let newClosesAt, newClosesAt <= newOpensAt { return .badPeriod }
        switch state {
        case .draft:
            return nil
        case .open:
            let takingAnswers = opensAt.map { $0 <= now } ?? true
            if takingAnswers, !Self.sameMinute(newOpensAt, opensAt) { return .alreadyTakingAnswers(id) }
            if !Self.sameMinute(newClosesAt, closesAt), let newClosesAt, newClosesAt <= now { return .closingInPast(id) }
            return nil
        case .closed, .published:
            return .notDraft(id: id, state: state)
        }
    }

    /// Whether two planned times are the same to the minute (a form's field has no seconds).
    static func sameMinute(_ one: Date?, _ other: Date?) -> Bool {
        switch (one, other) {
        case (nil, nil): true
        case (let one?, let other?): abs(one.timeIntervalSince(other)) < 60
        default: false
        }
    }
}
