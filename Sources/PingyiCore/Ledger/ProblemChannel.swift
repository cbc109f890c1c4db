/// Where a problem came from (问题收集的渠道).
public enum ProblemChannel: String, CaseIterable, Codable, Hashable, Sendable {
    /// A supervisor's 问题线索 from the star rating.
    case clue = "线索"
    /// The county's 12345 hotline.
    case hotline = "12345"
    /// The complaint mailbox.
    case mailbox = "信箱"
    /// The 营商环境投诉举报热线.
    case complaintLine = "热线"
    /// A breakfast meeting with businesses (政企早餐会).
    case breakfast = "早餐会"
    /// An inspection (专项检查、明察暗访、随机抽查、交叉检查).
    case inspection = "检查"
    /// Anything else.
    case other = "其他"
}
