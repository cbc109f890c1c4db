/// The three parts of a composite score.
public enum ScoreComponent: String, Sendable, Codable, CaseIterable {
    /// 客商评议.
    case merchantReview
    /// 评星定级 (the department's).
    case starRating
    /// 目标责任考核.
    case assessment

    /// The Chinese name.
    public var label: String {
        switch self {
        case .merchantReview: "客商评议"
        case .starRating: "评星定级"
        case .assessment: "目标考核"
        }
    }
}
