/// The rules of the office's year, in order — 名册 → 企业与办事记录 → 监督员 → 活动 → 结束并计票 →
/// 目标考核 → 试算 → 正式计分 → 发布 — stated once: the console's workbench shows them, and the
/// refusals of scoring and publishing (`scoringBlock`, `publishingBlock`) are the ones the
/// stores enforce for the console and the command-line tool alike.
public enum YearSteps {
    /// Why the year cannot be scored now, or `nil`.
    public static func scoringBlock(_ facts: YearFacts) -> String? {
        if facts.published { return "\(facts.year) 年度已发布，须先撤回发布才能重新计分" }
        let open = facts.campaigns.filter { $0.state == .open }
        if !open.isEmpty {
            return open.map { "\($0.kind.label)活动仍在进行" }.joined(separator: "，") + "，结束后才能计分"
        }
        let waiting = facts.campaigns.filter(\.awaitingCount)
        if !waiting.isEmpty {
            return waiting.map { "\($0.kind.label)活动等待各保管单位提交密钥份额" }.joined(separator: "，") + "，联合计票完成后才能计分"
        }
        if facts.campaigns.allSatisfy({ $0.state == .draft }) { return "本年度还没有结束的评议活动，无从计分" }
        return nil
    }

    /// Why the year cannot be published now, or `nil`.
    public static func publishingBlock(_ facts: YearFacts) -> String? {
        if facts.published { return "\(facts.year) 年度已发布" }
        guard let run = facts.latestRun else { return "尚未正式计分，计分后才能发布" }
        if facts.latestRanked == 0 { return nobodyRanked(run: facts.latestRunNumber ?? run, minBallots: facts.minBallots) }
        return nil
    }

    /// Why a run that ranks nobody cannot be published, and what to do.
    public static func nobodyRanked(run: Int?, minBallots: Int) -> String {
        (run.map { "第 \($0) 次计分" } ?? "本次计分")
            + "没有一名股室长进入排名：每名股室长至少需要 \(minBallots) 张有效票，不能发布空的排名。"
            + "活动还在进行的，可补发邀请或推迟结束时间后再计分；活动都已结束的，本年度已无法补票，请向领导报告参与情况"
    }

    /// A warning before closing or scoring: how many chiefs would be ranked, when that is none.
    public static func rankingWarning(ranked: Int, chiefs: Int, minBallots: Int) -> String? {
        guard chiefs > 0, ranked == 0 else { return nil }
        return "按现有选票，\(chiefs) 名股室长中没有一名达到最低有效票数（每人至少 \(minBallots) 张）。这样计分后排名为空，不能发布。"
    }

    /// Every step with its state.
    public static func steps(_ facts: YearFacts) -> [YearStep] {
        var steps: [YearStep] = []
        var earlierDone = true
        func add(_ name: String, done: Bool, detail: String, blocked: String? = nil, running: Bool = false) {
            let state: YearStep.State = running ? .running : done ? .done : (earlierDone && blocked == nil ? .next : .waiting)
            steps.append(YearStep(name: name, state: state, detail: detail, blocked: done ? nil : blocked))
            if !done { earlierDone = false }
        }
        add("名册", done: facts.chiefs > 0, detail: facts.chiefs > 0 ? "在职股室长 \(facts.chiefs) 名" : "尚未导入部门、股室和股室长名册")
        add(
            "企业与办事记录", done: facts.merchants > 0,
            detail: facts.merchants > 0 ? "\(facts.year) 年度有办事记录的企业 \(facts.merchants) 家" : "尚未导入 \(facts.year) 年度的企业办事记录")
        add("监督员", done: facts.supervisors > 0, detail: facts.supervisors > 0 ? "在任特约监督员 \(facts.supervisors) 名" : "尚未导入特约监督员名单")
        let kinds = Set(facts.campaigns.map(\.kind))
        let started = !facts.campaigns.isEmpty && facts.campaigns.allSatisfy { $0.state != .draft }
        add(
            "活动", done: started && kinds.count == CampaignKind.allCases.count,
            detail: facts.campaigns.isEmpty
                ? "尚未建立活动"
                : facts.campaigns.map { "\($0.kind.label)：\($0.state.label)，已提交 \($0.used)/\($0.issued)" }.joined(separator: "；"),
            running: facts.campaigns.contains { $0.state == .open })
        let counted =
            !facts.campaigns.isEmpty && facts.campaigns.allSatisfy { ($0.state == .closed || $0.state == .published) && !$0.awaitingCount }
        let waiting = facts.campaigns.filter(\.awaitingCount)
        add(
            "结束并计票", done: counted,
            detail: counted
                ? "全部活动已结束并计票"
                : waiting.isEmpty
                    ? "活动结束时用计票私钥开箱计票（多方联合计票的活动：结束后由各保管单位提交密钥份额）"
                    : waiting.map { "\($0.kind.label)活动已结束，等待各保管单位提交密钥份额（联合计票）" }.joined(separator: "；"),
            blocked: facts.campaigns.contains { $0.state == .open } || !waiting.isEmpty ? nil : (facts.campaigns.isEmpty ? "须先建立并开始活动" : nil),
            running: !waiting.isEmpty)
        add(
            "目标考核", done: facts.assessedDepartments > 0,
            detail: facts.assessedDepartments > 0 ? "已导入 \(facts.assessedDepartments) 个部门的目标责任考核" : "尚未导入目标责任考核（可不导入：不计此项并说明）")
        let scoring = scoringBlock(facts)
        add(
            "试算", done: facts.latestRun != nil,
            detail: facts.latestRun == nil ? "试算显示排名、不满意股室长和名单，不保存" : "已正式计分；发布前仍可再试算、再计分", blocked: scoring)
        let scored = facts.latestRun.map { run in
            "已正式计分（第 \(facts.latestRunNumber ?? run) 次）" + (facts.latestRanked.map { "：排名 \($0) 名" } ?? "")
        }
        add("正式计分", done: facts.latestRun != nil, detail: scored ?? "正式计分后结果固定，可发布", blocked: scoring)
        add("发布", done: facts.published, detail: facts.published ? "已发布：排名、人员名单和接口可见" : "发布后组织部、人事可见", blocked: publishingBlock(facts))
        add(
            "导出与通报", done: facts.published && facts.exported,
            detail: facts.exported
                ? "人员名单已下载交人事；排名可随时导出通报，组织部从数据接口读取"
                : "在人员名单下载 Excel 交人事（拟晋升、拟调整名单），在排名导出 .xlsx 或 CSV 通报",
            blocked: facts.published ? nil : "发布后才能导出")
        return steps
    }
}
