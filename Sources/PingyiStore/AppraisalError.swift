/// Why an appraisal-year action was refused.
public enum AppraisalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The year already exists.
    case exists(Int)
    /// The year is outside 2000–2100.
    case badYear(Int)
    /// The year is published: its scores and inputs are frozen.
    case published(Int)
    /// The year has no appraisal.
    case notFound(Int)
    /// The year has not been scored yet (or not that run).
    case noRun(Int)
    /// The year has no official results yet.
    case notPublished(Int)

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .exists(let year): "\(year) 年度考评已存在"
        case .badYear(let year): "年度 \(year) 不在 2000–2100 之间"
        case .published(let year): "\(year) 年度考评已发布，评分结果已冻结，不能再修改"
        case .notFound(let year): "年度考评 \(year) 不存在（请先运行 pingyi appraisal create \(year)）"
        case .noRun(let year): "\(year) 年度还没有这次评分结果（请先运行 pingyi score \(year)）"
        case .notPublished(let year): "\(year) 年度尚未发布正式结果（pingyi appraisal publish \(year)）"
        }
    }
}
