/// Why an appraisal-year action was refused.
public enum AppraisalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The year already exists.
    case exists(Int)
    /// The year is outside `AppraisalYearNumber.range` (2000–2100).
    case badYear(Int)
    /// The year is published: its scores and inputs are frozen.
    case published(Int)
    /// The year has no appraisal.
    case notFound(Int)
    /// The year has not been scored yet (or not that run).
    case noRun(Int)
    /// The year has no official results yet.
    case notPublished(Int)
    /// Campaigns of the year are still open (their ballots are sealed in the box): named.
    case campaignsOpen(year: Int, campaigns: [String])
    /// The run ranks nobody: publishing it would freeze an empty year.
    case nobodyRanked(year: Int, run: Int)
    /// Only the year's latest run may be published.
    case notLatestRun(year: Int, run: Int, latest: Int)
    /// Taking a publication back needs a reason (it is audited and kept with the follow-ups).
    case reasonRequired

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .exists(let year): "\(year) 年度考评已存在"
        case .badYear(let year): "年度 \(year) 不在 2000–2100 之间"
        case .published(let year): "\(year) 年度考评已发布，评分结果已冻结，不能再修改"
        case .notFound(let year): "\(year) 年度考评还没有建立，请先建立年度"
        case .noRun(let year): "\(year) 年度还没有这次计分结果，请先正式计分"
        case .notPublished(let year): "\(year) 年度尚未发布正式结果"
        case .campaignsOpen(let year, let campaigns):
            "\(year) 年度还有进行中的活动：\(campaigns.joined(separator: "、"))。请先结束活动并完成计票，未作任何改动"
        case .nobodyRanked(_, let run):
            "计分编号 \(run) 没有一名股室长进入排名（有效票不足或活动尚未结束）；发布后年度将被冻结，因此不予发布。未作任何改动"
        case .notLatestRun(let year, let run, let latest):
            "计分编号 \(run) 不是 \(year) 年度最新的计分（最新为编号 \(latest)）；只能发布最新一次。未作任何改动"
        case .reasonRequired: "撤销发布须说明理由（记入审计日志和整改记录），未作任何改动"
        }
    }
}
