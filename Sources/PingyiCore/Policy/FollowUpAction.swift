/// The follow-up a flagged chief gets, from the lightest to the most severe.
public enum FollowUpAction: String, Sendable, Codable, CaseIterable, Comparable {
    /// 诫勉谈话: an admonishment talk.
    case admonishmentTalk = "诫勉谈话"
    /// 离岗学习: off-post study.
    case offPostStudy = "离岗学习"
    /// 组织处理: organizational handling.
    case organizationalHandling = "组织处理"

    /// 1 for the lightest, 3 for the most severe.
    public var severity: Int {
        switch self {
        case .admonishmentTalk: 1
        case .offPostStudy: 2
        case .organizationalHandling: 3
        }
    }

    /// Orders by severity.
    public static func < (lhs: FollowUpAction, rhs: FollowUpAction) -> Bool { lhs.severity < rhs.severity }
}
