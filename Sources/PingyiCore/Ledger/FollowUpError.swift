/// Why a follow-up could not be recorded.
public enum FollowUpError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such follow-up.
    case notFound(Int)
    /// The status to record must be done or waived.
    case statusRequired
    /// A note (1–2000 characters) is required.
    case noteRequired
    /// The follow-up was withdrawn with its year's publication.
    case withdrawn(Int)
    /// The day it was carried out is after today (or no day at all).
    case badDoneOn(CivilDate)

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .notFound(let id): "整改记录 \(id) 不存在"
        case .statusRequired: "请选择办理结果：已完成 或 已免除"
        case .noteRequired: "请填写办理情况说明（1–2000 字）"
        case .withdrawn(let id): "整改记录 \(id) 已随年度结果撤销发布而撤销，不能再记录"
        case .badDoneOn(let today): "办理日期应为 \(today) 或之前的日期（如 2026-11-20）"
        }
    }
}
