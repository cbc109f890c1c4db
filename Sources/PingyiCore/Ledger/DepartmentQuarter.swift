/// One department's problem handling in a quarter (季排名点评): its figures, the policy's score
/// and its rank, with its scores in the year's earlier quarters.
public struct DepartmentQuarter: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var closed = 0
    public var closedOnTime = 0
    public var sentBack = 0
    public var callbacks = 0
    public var satisfied = 0
    /// 0–100 by the policy's weights over the parts the department has figures for; `nil` with
    /// no figure at all (nothing closed, sent back or called back in the quarter).
    public var score: Double?
    public var rank: Int?
    /// Quarter (1–4) → score, for the quarters of the year up to this one.
    public var trend: [Int: Double] = [:]

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    public var onTimeRate: Double? { closed == 0 ? nil : Double(closedOnTime) / Double(closed) }
    /// Of the quarter's verifications (closed or sent back), the share sent back.
    public var sendBackRate: Double? { closed + sentBack == 0 ? nil : Double(sentBack) / Double(closed + sentBack) }
    public var satisfactionRate: Double? { callbacks == 0 ? nil : Double(satisfied) / Double(callbacks) }
}

extension LedgerReport {
    /// The quarter's ranking: per department the sums of its three months, the score
    /// `100 × (onTime·w₁ + (1 − sendBack)·w₂ + satisfaction·w₃) / (sum of the weights present)`,
    /// rounded half up to two decimals, ranked high to low (equal scores share a rank), and the
    /// scores of the year's earlier quarters.
    public static func quarter(
        year: Int, quarter: Int, problems: [Problem], records: [ProblemRecord], departments: [String: String],
        calendars: WorkingCalendars, rules: LedgerRules
    ) throws(WorkingCalendarError) -> [DepartmentQuarter] {
        var byQuarter: [Int: [String: DepartmentQuarter]] = [:]
        for q in 1...max(1, min(4, quarter)) {
            var rows = try sum(
                months: (3 * q - 2)...(3 * q), year: year, problems: problems, records: records, departments: departments,
                calendars: calendars, rules: rules)
            for (code, row) in rows {
                var scored = row
                scored.score = score(row, rules: rules)
                rows[code] = scored
            }
            byQuarter[q] = rows
        }
        var result = (byQuarter[quarter] ?? [:]).values.sorted { ($0.score ?? -1, $1.code) > ($1.score ?? -1, $0.code) }
        for index in result.indices {
            guard let score = result[index].score else { continue }
            result[index].rank = (result.firstIndex { $0.score == score } ?? index) + 1
            for q in 1...quarter { if let earlier = byQuarter[q]?[result[index].code]?.score { result[index].trend[q] = earlier } }
        }
        return result
    }

    /// The months' figures summed per department (closed, on time, sent back, callbacks, satisfied).
    static func sum(
        months: ClosedRange<Int>, year: Int, problems: [Problem], records: [ProblemRecord], departments: [String: String],
        calendars: WorkingCalendars, rules: LedgerRules
    ) throws(WorkingCalendarError) -> [String: DepartmentQuarter] {
        var rows: [String: DepartmentQuarter] = [:]
        for month in months {
            for line in try Self.month(
                LedgerMonth(year: year, month: month)!, problems: problems, records: records, departments: departments, calendars: calendars,
                rules: rules)
            {
                var row = rows[line.code] ?? DepartmentQuarter(code: line.code, name: line.name)
                row.closed += line.closed
                row.closedOnTime += line.closedOnTime
                row.sentBack += line.sentBack
                row.callbacks += line.callbacks
                row.satisfied += line.satisfied
                rows[line.code] = row
            }
        }
        return rows
    }

    static func score(_ row: DepartmentQuarter, rules: LedgerRules) -> Double? {
        let parts: [(Double?, Double)] = [
            (row.onTimeRate, rules.onTimeWeight.value), (row.sendBackRate.map { 1 - $0 }, rules.sendBackWeight.value),
            (row.satisfactionRate, rules.satisfactionWeight.value),
        ]
        let present = parts.compactMap { value, weight in value.map { ($0, weight) } }
        let weights = present.reduce(0) { $0 + $1.1 }
        guard weights > 0 else { return nil }
        let weighted: Double = present.reduce(0) { $0 + $1.0 * $1.1 }
        let value: Double = 100 * weighted / weights
        let rounded: Double = ScoreRounding.round(value, decimals: 2)
        return rounded
    }
}

extension LedgerReport {
    /// The year's figures per department for the year-end 目标责任考核: the sums of its twelve
    /// months, scored and ranked like a quarter, with each quarter's score as the trend.
    public static func year(
        _ year: Int, problems: [Problem], records: [ProblemRecord], departments: [String: String], calendars: WorkingCalendars,
        rules: LedgerRules
    ) throws(WorkingCalendarError) -> [DepartmentQuarter] {
        let rows = try sum(
            months: 1...12, year: year, problems: problems, records: records, departments: departments, calendars: calendars, rules: rules)
        var trends: [String: [Int: Double]] = [:]
        for q in 1...4 {
            for row in try quarter(
                year: year, quarter: q, problems: problems, records: records, departments: departments, calendars: calendars, rules: rules)
            {
                if let score = row.score { trends[row.code, default: [:]][q] = score }
            }
        }
        var result = rows.values.map { row -> DepartmentQuarter in
            var scored = row
            scored.score = score(row, rules: rules)
            scored.trend = trends[row.code] ?? [:]
            return scored
        }.sorted { ($0.score ?? -1, $1.code) > ($1.score ?? -1, $0.code) }
        for index in result.indices where result[index].score != nil {
            result[index].rank = (result.firstIndex { $0.score == result[index].score } ?? index) + 1
        }
        return result
    }

    /// The year-end table to hand on (CSV or .xlsx).
    public static func yearSheet(_ year: Int, rows: [DepartmentQuarter]) -> Spreadsheet {
        func rate(_ value: Double?) -> SpreadsheetCell { value.map { .number($0) } ?? .empty }
        return Spreadsheet(
            title: "\(year) 年度各部门问题办理情况（供目标责任考核参考）", sheetName: "\(year) 问题办理",
            columns: [
                SpreadsheetColumn("部门代码", width: 10), SpreadsheetColumn("部门", width: 24), SpreadsheetColumn("办结", width: 8, .integer),
                SpreadsheetColumn("按期办结", width: 10, .integer), SpreadsheetColumn("退回", width: 8, .integer),
                SpreadsheetColumn("回访", width: 8, .integer), SpreadsheetColumn("满意", width: 8, .integer),
                SpreadsheetColumn("按期办结率", width: 12, .percent), SpreadsheetColumn("退回率", width: 10, .percent),
                SpreadsheetColumn("回访满意率", width: 12, .percent), SpreadsheetColumn("得分", width: 10, .decimal(2)),
                SpreadsheetColumn("排名", width: 6, .integer), SpreadsheetColumn("一季度", width: 10, .decimal(2)),
                SpreadsheetColumn("二季度", width: 10, .decimal(2)), SpreadsheetColumn("三季度", width: 10, .decimal(2)),
                SpreadsheetColumn("四季度", width: 10, .decimal(2)),
            ],
            rows: rows.map { row in
                [
                    .text(row.code), .text(row.name), .number(Double(row.closed)), .number(Double(row.closedOnTime)), .number(Double(row.sentBack)),
                    .number(Double(row.callbacks)), .number(Double(row.satisfied)), rate(row.onTimeRate), rate(row.sendBackRate),
                    rate(row.satisfactionRate), rate(row.score), row.rank.map { .number(Double($0)) } ?? .empty,
                ] + (1...4).map { rate(row.trend[$0]) }
            })
    }
}
