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
            var rows: [String: DepartmentQuarter] = [:]
            for month in (3 * q - 2)...(3 * q) {
                for line in try Self.month(
                    LedgerMonth(year: year, month: month)!, problems: problems, records: records, departments: departments,
                    calendars: calendars, rules: rules)
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
