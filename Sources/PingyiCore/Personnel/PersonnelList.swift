import Foundation

/// HR's promotion and adjustment lists, by the policy's rules (README, "The rules and their
/// defaults"): promotion candidates are the top share of the ranked chiefs flagged in none of
/// the clean years (this year and those before); adjustment candidates are the chiefs whose follow-up is one of the listed
/// actions, and those at the bottom of the ranking the given number of years running.
public enum PersonnelList {
    /// The candidates of a year, promotion first (by rank), then adjustment (by rank).
    public static func make(year: Int, scores: [ChiefScore], history: [String: ChiefHistory], rules: PersonnelRules) -> [PersonnelRow] {
        let ranked = scores.filter { $0.rank != nil }.sorted(by: Scoring.order)
        var rows: [PersonnelRow] = []
        // Promotion: the top share (at least one), among those flagged in none of the clean years.
        let share = rules.promotionTopShare
        let top = max(1, Int((Double(ranked.count) * share.value).rounded(.up)))
        let cutoffRank = ranked.count >= top ? ranked[top - 1].rank! : Int.max
        let earlierYears = (year - rules.promotionCleanYears + 1)..<year
        for score in ranked where score.rank! <= cutoffRank && !score.flagged {
            let earlierFlags = earlierYears.filter { history[score.employeeNumber]?.flagged[$0] == true }
            guard earlierFlags.isEmpty else { continue }
            let years = rules.promotionCleanYears > 1 ? "本年度及此前 \(rules.promotionCleanYears - 1) 个年度均未列为不满意" : "本年度未列为不满意"
            rows.append(
                PersonnelRow(
                    list: .promotion, score: score,
                    reason:
                        "综合得分 \(Figures.score(score.composite))，排名第 \(score.rank!) 名（共 \(ranked.count) 名），位于前 \(Figures.percent(share.value))；\(years)"
                ))
        }
        // Adjustment: a listed follow-up action, or the bottom of the ranking years running.
        for score in ranked.reversed() + scores.filter({ $0.rank == nil }) {
            var reasons: [String] = []
            if let action = score.action, rules.adjustmentActions.contains(action) {
                reasons.append("本年度列为不满意或末位，整改措施为\(action.rawValue)（\(score.actionReason ?? "")）")
            }
            if rules.adjustmentBottomCount > 0, score.bottom {
                let earlier = ((year - rules.adjustmentBottomYears + 1)..<year).allSatisfy { history[score.employeeNumber]?.bottom[$0] == true }
                if earlier {
                    reasons.append(
                        "连续 \(rules.adjustmentBottomYears) 个年度综合排名在末 \(rules.adjustmentBottomCount) 名之内（本年度第 \(score.rank.map(String.init) ?? "—") 名，共 \(ranked.count) 名）"
                    )
                }
            }
            if !reasons.isEmpty {
                rows.append(PersonnelRow(list: .adjustment, score: score, reason: reasons.joined(separator: "；")))
            }
        }
        let promotions = rows.filter { $0.list == .promotion }
        let adjustments = rows.filter { $0.list == .adjustment }.sorted { Scoring.order($0.score, $1.score) }
        return promotions + adjustments
    }

    /// HR's table of `year`: list, rank, the chief (with 职务 and 任职日期), the figures as
    /// numbers, 不满意/末位 with its plain evidence, the suggested measure and the reason — the
    /// CSV and the API's table. The .xlsx splits it into sheets (`workbook`).
    public static func sheet(year: Int, run: Int, _ rows: [PersonnelRow], decimals: Int = 2) -> Spreadsheet {
        table(title: "\(year) 年度股室长拟晋升/评优和拟调整名单（正式结果）", sheetName: "\(year) 人员名单", rows, decimals: decimals)
    }

    /// HR's workbook: 拟晋升/评优 and 拟调整 on sheets of their own (the policy keeps one list of
    /// 晋升 and 评优 together, so they share a sheet), and a 说明 sheet with what the columns mean
    /// and, for each chief with a finding, the statistics behind it — no statistics words in the
    /// lists' cells.
    public static func workbook(year: Int, _ rows: [PersonnelRow], decimals: Int = 2) -> [Spreadsheet] {
        let promotions = rows.filter { $0.list == .promotion }
        let adjustments = rows.filter { $0.list == .adjustment }
        var notes: [[SpreadsheetCell]] = [
            [.text("名单"), .text("拟晋升/评优：综合排名靠前、本年度及此前规定年度均未列为不满意的股室长；拟调整：整改措施达到规定程度，或连续多年排名末位的股室长。")],
            [.text("情形"), .text("不满意：不满意票达到计分规则规定的比例；末位：综合得分排在最后几名。")],
            [.text("有效票"), .text("给出满意、基本满意或不满意的评议票数（「不了解」不计）。")],
            [.text("任职日期"), .text("取自股室长名册；空白表示名册未填。")],
        ]
        for row in rows {
            for flag in row.score.flags {
                notes.append([.text(row.score.name), .text("\(flag.label)：\(flag.text)" + (flag.note.map { "。说明：\($0)" } ?? ""))])
            }
        }
        return [
            table(title: "\(year) 年度股室长拟晋升/评优名单（正式结果，共 \(promotions.count) 名）", sheetName: "拟晋升评优", promotions, decimals: decimals),
            table(title: "\(year) 年度股室长拟调整名单（正式结果，共 \(adjustments.count) 名）", sheetName: "拟调整", adjustments, decimals: decimals),
            Spreadsheet(
                title: "\(year) 年度人员名单说明", sheetName: "说明",
                columns: [SpreadsheetColumn("项目", width: 14), SpreadsheetColumn("说明", width: 110)], rows: notes),
        ]
    }

    static func table(title: String, sheetName: String, _ rows: [PersonnelRow], decimals: Int) -> Spreadsheet {
        func number(_ value: Double?) -> SpreadsheetCell { value.map { .number($0) } ?? .empty }
        let columns = [
            SpreadsheetColumn("名单", width: 12), SpreadsheetColumn("排名", width: 6, .integer), SpreadsheetColumn("姓名", width: 10),
            SpreadsheetColumn("工号", width: 10), SpreadsheetColumn("部门", width: 22), SpreadsheetColumn("股室", width: 16),
            SpreadsheetColumn("职务", width: 10), SpreadsheetColumn("任职日期", width: 12), SpreadsheetColumn("综合得分", width: 10, .decimal(decimals)),
            SpreadsheetColumn("客商评议", width: 10, .decimal(decimals)), SpreadsheetColumn("评星定级", width: 10, .decimal(decimals)),
            SpreadsheetColumn("目标考核", width: 10, .decimal(decimals)), SpreadsheetColumn("有效票", width: 8, .integer),
            SpreadsheetColumn("不满意率", width: 10, .percent), SpreadsheetColumn("情形", width: 10),
            SpreadsheetColumn("建议措施", width: 12), SpreadsheetColumn("理由", width: 60),
        ]
        let cells: [[SpreadsheetCell]] = rows.map { row in
            let score = row.score
            let labels = Array(Set(score.flags.map(\.label))).sorted(by: >).joined(separator: "、")
            return [
                .text(row.list.label), score.rank.map { .number(Double($0)) } ?? .empty, .text(score.name), .text(score.employeeNumber),
                .text(score.departmentName), .text(score.section), .text(score.position), row.startDate.map { .text($0.description) } ?? .empty,
                number(score.composite), number(score.merchantScore), number(score.starScore), number(score.assessmentScore),
                .number(Double(score.n)), number(score.unsatisfiedShare), labels.isEmpty ? .empty : .text(labels),
                .text(score.action?.rawValue ?? (row.list == .promotion ? "拟晋升/评优" : "")), .text(row.reason),
            ]
        }
        return Spreadsheet(title: title, sheetName: sheetName, columns: columns, rows: cells)
    }

    /// HR's CSV: UTF-8 with BOM, RFC 4180 quoting, formula-looking cells neutralised.
    public static func csv(year: Int, run: Int, _ rows: [PersonnelRow], decimals: Int = 2) -> Foundation.Data {
        sheet(year: year, run: run, rows, decimals: decimals).csv
    }
}
