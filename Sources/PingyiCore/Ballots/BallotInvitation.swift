/// A valid, unused invitation of an open campaign: what its respondent's form shows.
public struct BallotInvitation: Hashable, Sendable {
    /// The campaign, with its template.
    public var campaign: Campaign
    /// The departments on the form, each with its chiefs for a merchant review.
    public var departments: [BallotDepartment]

    /// Makes one.
    public init(campaign: Campaign, departments: [BallotDepartment]) {
        self.campaign = campaign
        self.departments = departments
    }

    /// The ids the form's answers are about: employee numbers or department codes.
    public var targets: [String] {
        switch campaign.kind {
        case .merchantReview: departments.flatMap { $0.chiefs.map(\.employeeNumber) }
        case .starRating: departments.map(\.code)
        }
    }
}
