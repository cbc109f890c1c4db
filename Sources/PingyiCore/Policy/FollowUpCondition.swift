/// A condition of one step of the follow-up ladder (a step applies when any of its conditions holds).
public enum FollowUpCondition: Hashable, Sendable, Codable {
    /// The chief is flagged this year.
    case flagged
    /// This year's unsatisfied share reaches the threshold.
    case unsatisfiedShare(atLeast: Fraction)
    /// The chief was flagged the year before.
    case flaggedPreviousYear
    /// The chief was flagged in at least `times` of the `years` years before this one.
    case flaggedInPreviousYears(times: Int, years: Int)
}
