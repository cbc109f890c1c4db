import PingyiCore

/// A line chart of one chief's composite score over the years, laid out for SVG on the server:
/// the y axis from a round number below the lowest score to 100, flagged years in red.
struct TrendChart: Sendable {
    struct Point: Sendable {
        let x: Int
        let y: Int
        let labelY: Int
        let value: String
        let year: String
        let color: String
    }

    struct GridLine: Sendable {
        let y: Int
        let textY: Int
        let label: String
    }

    static let width = 640
    static let height = 280
    static let left = 48
    static let right = 24
    static let top = 24
    static let bottom = 40

    let width = TrendChart.width
    let height = TrendChart.height
    let plotLeft = TrendChart.left
    let plotRight = TrendChart.width - TrendChart.right
    let axisY = TrendChart.height - TrendChart.bottom
    let yearY = TrendChart.height - TrendChart.bottom + 22
    let points: [Point]
    let polyline: String
    let grid: [GridLine]

    /// `values`: (year, composite, flagged), oldest first; years without a composite get no point.
    init(_ values: [(year: Int, composite: Double?, flagged: Bool)]) {
        let scored = values.compactMap { value in value.composite.map { (value.year, min(max($0, 0), 100), value.flagged) } }
        let lowest = scored.map(\.1).min() ?? 60
        let floor = max(0, (Int(lowest) / 10) * 10 - 10)
        let span = Double(100 - floor)
        let plotWidth = Double(TrendChart.width - TrendChart.left - TrendChart.right)
        let plotHeight = Double(TrendChart.height - TrendChart.top - TrendChart.bottom)
        func y(_ value: Double) -> Int { TrendChart.top + Int(((100 - value) / span * plotHeight).rounded()) }
        points = scored.enumerated().map { index, item in
            let x =
                scored.count == 1
                ? TrendChart.left + Int(plotWidth / 2)
                : TrendChart.left + 20 + Int((Double(index) * (plotWidth - 40) / Double(scored.count - 1)).rounded())
            return Point(
                x: x, y: y(item.1), labelY: y(item.1) - 10, value: Figures.score(item.1), year: "\(item.0)",
                color: item.2 ? RankingDotPlot.flaggedColor : RankingDotPlot.otherColor)
        }
        polyline = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        grid = stride(from: floor, through: 100, by: 10).map { value in
            GridLine(y: y(Double(value)), textY: y(Double(value)) + 4, label: "\(value)")
        }
    }
}
