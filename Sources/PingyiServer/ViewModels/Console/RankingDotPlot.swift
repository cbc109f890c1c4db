import Foundation
import Mustache
import PingyiCore

/// The ranking as a dot plot, drawn on the server as SVG: a row per ranked chief with the rank,
/// name and composite; a dot for the composite on the data's own range (a bar from 0 would make
/// 92.5 and 85 look alike); and beside it the chief's 不满意 share with its 95% Wilson interval,
/// against the policy's threshold drawn as a dashed line. The bottom-rank rule's cut is a line
/// across the rows. Flagged chiefs are red. 380 units wide, so it reads on a 390 px phone.
struct RankingDotPlot: Sendable {
    struct Row: Sendable {
        let label: String
        let textY: Double
        let markY: Double
        let dotX: Double
        let hasShare: Bool
        let shareX: Double
        let lowX: Double
        let highX: Double
        let color: String
        let title: String
    }

    struct Tick: Sendable {
        let x: Double
        let label: String
        let anchor: String
    }

    static let width = 380.0
    static let top = 44.0
    static let rowHeight = 20.0
    /// The composite panel and the share panel, in SVG units.
    static let scoreStart = 122.0, scoreEnd = 262.0
    static let shareStart = 274.0, shareEnd = 372.0
    static let flaggedColor = "#b71c1c"
    static let otherColor = "#1f2937"

    let height: Double
    let rows: [Row]
    let scoreTicks: [Tick]
    let shareTicks: [Tick]
    /// The threshold line (x, label), when the policy has an unsatisfied-share rule.
    let threshold: Tick?
    /// The bottom-rank cut (y), when the plot shows the whole ranking and the policy has the rule.
    let bottomCutY: Double?
    let bottomLabel: String
    let description: String
    let plotBottom: Double
    let scoreStart = RankingDotPlot.scoreStart, scoreEnd = RankingDotPlot.scoreEnd
    let shareStart = RankingDotPlot.shareStart, shareEnd = RankingDotPlot.shareEnd

    /// `scores` in rank order (the unranked are left out); `policy` gives the threshold and the
    /// bottom-rank count; `wholeRanking` is false when a department filter shows only part of it.
    init(_ scores: [ChiefScore], policy: ScoringPolicy?, wholeRanking: Bool) {
        let ranked = scores.filter { $0.rank != nil && $0.composite != nil }.sorted(by: Scoring.order)
        let composites = ranked.compactMap(\.composite)
        // The data's own range, widened to whole points with a little room on both sides.
        var low = ((composites.min() ?? 0) - 0.5).rounded(.down)
        var high = ((composites.max() ?? 100) + 0.5).rounded(.up)
        if high - low < 2 { (low, high) = (low - 1, high + 1) }
        let (scoreLow, scoreHigh) = (low, high)
        func scoreX(_ value: Double) -> Double {
            Self.scoreStart + (value - scoreLow) / (scoreHigh - scoreLow) * (Self.scoreEnd - Self.scoreStart)
        }
        let share = policy?.flags.compactMap { rule -> Double? in
            if case .unsatisfiedShare(let atLeast) = rule { return atLeast.value }
            return nil
        }.first
        let bottom = policy?.flags.compactMap { rule -> Int? in
            if case .bottomRank(let count) = rule { return count }
            return nil
        }.first
        // The share axis runs from 0 to the next 10% above the highest interval and the threshold.
        let reach = max(ranked.compactMap { $0.unsatisfiedInterval?.high }.max() ?? 0, (share ?? 0) * 1.2, 0.1)
        let shareHigh = min(1, (reach * 10).rounded(.up) / 10)
        func shareX(_ value: Double) -> Double {
            Self.shareStart + min(max(value, 0), shareHigh) / shareHigh * (Self.shareEnd - Self.shareStart)
        }
        rows = ranked.enumerated().map { index, score in
            let y = Self.top + Double(index) * Self.rowHeight
            let composite = score.composite!
            let interval = score.unsatisfiedInterval
            let shareText =
                score.unsatisfiedShare.map {
                    "不满意率 \(Figures.percent($0))" + (interval.map { "（按票数推算大致在 \(Figures.percent($0.low))–\(Figures.percent($0.high))）" } ?? "")
                } ?? "不满意率不公开"
            return Row(
                label: "\(score.rank!). \(score.name) \(Figures.score(composite))", textY: y + 14, markY: y + 10,
                dotX: scoreX(composite), hasShare: score.unsatisfiedShare != nil, shareX: shareX(score.unsatisfiedShare ?? 0),
                lowX: shareX(interval?.low ?? 0), highX: shareX(interval?.high ?? 0),
                color: score.flagged ? Self.flaggedColor : Self.otherColor,
                title: "第 \(score.rank!) 名 \(score.name)（\(score.departmentName)）综合得分 \(Figures.score(composite))，\(shareText)"
                    + (score.flagged ? "，" + score.flags.map { "\($0.label)：\($0.text)" }.joined(separator: "；") : ""))
        }
        plotBottom = Self.top + Double(ranked.count) * Self.rowHeight
        height = plotBottom + 8
        let middle = (scoreLow + scoreHigh) / 2
        scoreTicks = [
            Tick(x: Self.scoreStart, label: Self.number(scoreLow), anchor: "start"),
            Tick(x: scoreX(middle), label: Self.number(middle), anchor: "middle"),
            Tick(x: Self.scoreEnd, label: Self.number(scoreHigh), anchor: "end"),
        ]
        shareTicks = [
            Tick(x: Self.shareStart, label: "0%", anchor: "start"),
            Tick(x: Self.shareEnd, label: "\(Int((shareHigh * 100).rounded()))%", anchor: "end"),
        ]
        threshold = share.map { Tick(x: shareX($0), label: Figures.percent($0), anchor: "middle") }
        // The cut above the chiefs the scoring put at the bottom (`ChiefScore.bottom`, ties included).
        if wholeRanking, bottom != nil, let firstBottom = ranked.firstIndex(where: \.bottom), firstBottom > 0 {
            bottomCutY = Self.top + Double(firstBottom) * Self.rowHeight
        } else {
            bottomCutY = nil
        }
        bottomLabel = bottom.map { "末 \($0) 名" } ?? ""
        let flagged = ranked.filter(\.flagged).count
        description =
            "综合得分点图：\(ranked.count) 名股室长，得分 \(Self.number(scoreLow))–\(Self.number(scoreHigh))，"
            + "红色为不满意或末位股室长（\(flagged) 名）；右侧为不满意率及其可能范围"
            + (share.map { "，虚线为不满意比例标准 \(Figures.percent($0))" } ?? "")
    }

    /// A tick value: whole numbers without decimals, halves with one.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

extension RankingDotPlot.Row: MustacheParent {
    /// The template's keys without `Mirror` (hundreds of rows a page: reflection was most of it).
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "textY": self.textY
        case "markY": self.markY
        case "dotX": self.dotX
        case "hasShare": self.hasShare
        case "shareX": self.shareX
        case "lowX": self.lowX
        case "highX": self.highX
        case "color": self.color
        case "title": self.title
        default: nil
        }
    }
}
