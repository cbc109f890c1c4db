/// The two kinds of campaign of an appraisal year.
public enum CampaignKind: String, Sendable, Codable, CaseIterable {
    /// 客商评议股室长: merchants grade the chiefs.
    case merchantReview
    /// 评星定级: special supervisors star-rate the departments.
    case starRating

    /// What the campaign's template must be about.
    public var target: TargetKind {
        switch self {
        case .merchantReview: .chief
        case .starRating: .department
        }
    }

    /// The Chinese name.
    public var label: String {
        switch self {
        case .merchantReview: "客商评议股室长"
        case .starRating: "评星定级"
        }
    }

    /// The template shipped for this kind, in `SurveyTemplates/`.
    public var defaultTemplateFile: String {
        switch self {
        case .merchantReview: "merchant-review.yaml"
        case .starRating: "star-rating.yaml"
        }
    }

    /// The path of a respondent's link: `/s/TOKEN` for merchants, `/r/TOKEN` for supervisors.
    public var linkPrefix: String {
        switch self {
        case .merchantReview: "/s/"
        case .starRating: "/r/"
        }
    }
}
