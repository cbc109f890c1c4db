/// A valid, unused invitation of an open campaign: what its respondent's form shows.
public struct BallotInvitation: Hashable, Sendable {
    /// The campaign, with its template.
    public var campaign: Campaign
    /// The departments on the form, each with its chiefs for a merchant review.
    public var departments: [BallotDepartment]
    /// The invitation's department codes, in code order: all of them, including any the form
    /// leaves out (a department with no chief in post on a merchant's form).
    public var departmentCodes: [String]

    /// Makes one; `departmentCodes` defaults to the codes of `departments`.
    public init(campaign: Campaign, departments: [BallotDepartment], departmentCodes: [String]? = nil) {
        self.campaign = campaign
        self.departments = departments
        self.departmentCodes = departmentCodes ?? departments.map(\.code).sorted()
    }

    /// What the form's anti-forgery token vouches for.
    public var grant: FormGrant { FormGrant(campaignID: campaign.id, departmentCodes: departmentCodes) }

    /// The ids the form's answers are about: employee numbers or department codes.
    public var targets: [String] {
        switch campaign.kind {
        case .merchantReview: departments.flatMap { $0.chiefs.map(\.employeeNumber) }
        case .starRating: departments.map(\.code)
        }
    }
}
