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
    /// Its items overdue and still held by it at the quarter's end (today, for the quarter
    /// running): each counts against 按期办结率 as an item not done on time.
    public var overdueOpen = 0
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

    /// Of the items closed in the quarter and those overdue and open at its end, the share closed
    /// on time (an open overdue item is not on time, whatever was closed).
    public var onTimeRate: Double? { closed + overdueOpen == 0 ? nil : Double(closedOnTime) / Double(closed + overdueOpen) }
    /// Of the quarter's verifications (closed or sent back), the share sent back.
    public var sendBackRate: Double? { closed + sentBack == 0 ? nil : Double(sentBack) / Double(closed + sentBack) }
    public var satisfactionRate: Double? { callbacks == 0 ? nil : Double(satisfied) / Double(callbacks) }

    /// Adds a month's or a quarter's figures.
    mutating func add(closed: Int, closedOnTime: Int, sentBack: Int, callbacks: Int, satisfied: Int) {
        self.closed += closed
        self.closedOnTime += closedOnTime
        self.sentBack += sentBack
        self.callbacks += callbacks
        self.satisfied += satisfied
    }
}

extension LedgerReport {
    /// The quarter's ranking: per department the sums of its three months, the score
    /// `100 × (onTime·w₁ + (1 − sendBack)·w₂ + satisfaction·w₃) / (sum of the weights present)`,
    /// rounded half up to two decimals, ranked high to low (equal scores share a rank), and the
    /// scores of the year's earlier quarters.
    public static func quarter(
        year: Int, quarter: Int, problems: [Problem], records: [ProblemRecord], departments: [String: String],
        calendars: WorkingCalendars, rules: LedgerRules, asOf: CivilDate? = nil, listing: [String] = []
    ) throws(WorkingCalendarError) -> [DepartmentQuarter] {
        let quarter = max(1, min(4, quarter))
        let byQuarter = try scoredQuarters(
            through: quarter, year: year, problems: problems, records: records, departments: departments, calendars: calendars, rules: rules,
            asOf: asOf, listing: listing)
        return ranked(Array((byQuarter[quarter] ?? [:]).values), trends: byQuarter)
    }

    /// Each quarter up to `last`, per department, summed from its months (each month counted once)
    /// and scored.
    static func scoredQuarters(
        through last: Int, year: Int, problems: [Problem], records: [ProblemRecord], departments: [String: String],
        calendars: WorkingCalendars, rules: LedgerRules, asOf: CivilDate? = nil, listing: [String] = []
    ) throws(WorkingCalendarError) -> [Int: [String: DepartmentQuarter]] {
        var byQuarter: [Int: [String: DepartmentQuarter]] = [:]
        for q in 1...last {
            var rows = try sum(
                months: (3 * q - 2)...(3 * q), year: year, problems: problems, records: records, departments: departments,
                calendars: calendars, rules: rules, asOf: asOf, listing: listing)
            for (code, row) in rows { rows[code]?.score = score(row, rules: rules) }
            byQuarter[q] = rows
        }
        return byQuarter
    }

    /// `rows` high to low by score (equal scores share a rank, the unscored last), each with its
    /// score in every quarter of `trends`.
    static func ranked(_ rows: [DepartmentQuarter], trends: [Int: [String: DepartmentQuarter]]) -> [DepartmentQuarter] {
        var result = rows.sorted { ($0.score ?? -1, $1.code) > ($1.score ?? -1, $0.code) }
        for index in result.indices {
            guard let score = result[index].score else { continue }
            result[index].rank = (result.firstIndex { $0.score == score } ?? index) + 1
            for (q, quarterRows) in trends { if let earlier = quarterRows[result[index].code]?.score { result[index].trend[q] = earlier } }
        }
        return result
    }

    /// The months' figures summed per department (closed, on time, sent back, callbacks,
    /// satisfied), and what was overdue and open at the last month's end (or `asOf`). Months
    /// after `asOf` have not happened and count nothing.
    static func sum(
        months: ClosedRange<Int>, year: Int, problems: [Problem], records: [ProblemRecord], departments: [String: String],
        calendars: WorkingCalendars, rules: LedgerRules, asOf: CivilDate? = nil, listing: [String] = []
    ) throws(WorkingCalendarError) -> [String: DepartmentQuarter] {
        var rows: [String: DepartmentQuarter] = [:]
        for code in listing { rows[code] = DepartmentQuarter(code: code, name: departments[code] ?? code) }
        for month in months {
            let ledgerMonth = LedgerMonth(year: year, month: month)!
            if let asOf, ledgerMonth.first > asOf { break }
            for code in rows.keys { rows[code]?.overdueOpen = 0 }
            for line in try Self.month(
                ledgerMonth, problems: problems, records: records, departments: departments, calendars: calendars, rules: rules, asOf: asOf)
            {
                rows[line.code, default: DepartmentQuarter(code: line.code, name: line.name)].add(
                    closed: line.closed, closedOnTime: line.closedOnTime, sentBack: line.sentBack, callbacks: line.callbacks,
                    satisfied: line.satisfied)
                rows[line.code]?.overdueOpen = line.overdue
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
        rules: LedgerRules, asOf: CivilDate? = nil, listing: [String] = []
    ) throws(WorkingCalendarError) -> [DepartmentQuarter] {
        // The four quarters (each month once); the year is their sum, and what is overdue and
        // open at its end (or today) counts against its on-time rate as in a quarter.
        let byQuarter = try scoredQuarters(
            through: 4, year: year, problems: problems, records: records, departments: departments, calendars: calendars, rules: rules,
            asOf: asOf, listing: listing)
        let lastQuarter = byQuarter.filter { $0.value.values.contains { $0.score != nil || $0.overdueOpen > 0 } }.keys.max() ?? 4
        var rows: [String: DepartmentQuarter] = [:]
        for quarterRows in byQuarter.values {
            for line in quarterRows.values {
                rows[line.code, default: DepartmentQuarter(code: line.code, name: line.name)].add(
                    closed: line.closed, closedOnTime: line.closedOnTime, sentBack: line.sentBack, callbacks: line.callbacks,
                    satisfied: line.satisfied)
            }
        }
        for code in rows.keys { rows[code]?.overdueOpen = byQuarter[lastQuarter]?[code]?.overdueOpen ?? 0 }
        for (code, row) in rows { rows[code]?.score = score(row, rules: rules) }
        return ranked(Array(rows.values), trends: byQuarter)
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
