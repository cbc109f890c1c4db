/// What publishing a year sets in motion: a follow-up for every flagged chief with a measure,
/// due the step's `dueDays` after the day of publishing (county days).
public enum FollowUpPlan {
    /// The days a measure gets when the policy has no step for it any more (the run was scored
    /// under a ladder that has since been edited): the lightest step's usual 30 days.
    public static let fallbackDueDays = 30

    /// The follow-ups of `scores` (a run's results) under `policy`, published on `day`.
    public static func make(scores: [ChiefScore], policy: ScoringPolicy, publishedOn day: CivilDate) -> [PlannedFollowUp] {
        scores.filter(\.flagged).compactMap { score in
            guard let action = score.action else { return nil }
            let days = policy.followUp.first { $0.action == action }?.dueDays ?? fallbackDueDays
            return PlannedFollowUp(
                employeeNumber: score.employeeNumber, action: action,
                reason: ([score.actionReason].compactMap { $0 } + score.flags.map(\.text)).joined(separator: "；"),
                dueOn: CountyCalendar.day(days, after: day))
        }
    }
}
