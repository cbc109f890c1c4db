/// The ranking of a scoring run as a table (综合排名): every chief in rank order, the unranked
/// (too few ballots) after them, with the figures the API discloses — a chief below the
/// policy's minimum of ballots shows no score, count or share.
public enum RankingSheet {
    /// The table of `run`, made from its disclosed scores.
    public static func make(_ run: ScoringRun, decimals: Int = 2) -> Spreadsheet {
        func number(_ value: Double?) -> SpreadsheetCell { value.map { .number($0) } ?? .empty }
        let scores = run.disclosed.scores.sorted(by: Scoring.order)
        let ranked = scores.filter { $0.rank != nil }.count
        let columns = [
            SpreadsheetColumn("排名", width: 6, .integer), SpreadsheetColumn("姓名", width: 10), SpreadsheetColumn("工号", width: 10),
            SpreadsheetColumn("部门", width: 24), SpreadsheetColumn("股室", width: 18), SpreadsheetColumn("职务", width: 10),
            SpreadsheetColumn("综合得分", width: 10, .decimal(decimals)), SpreadsheetColumn("客商评议", width: 10, .decimal(decimals)),
            SpreadsheetColumn("评星定级", width: 10, .decimal(decimals)), SpreadsheetColumn("目标考核", width: 10, .decimal(decimals)),
            SpreadsheetColumn("有效票", width: 8, .integer), SpreadsheetColumn("不满意率", width: 10, .percent),
            SpreadsheetColumn("不满意认定", width: 40), SpreadsheetColumn("整改措施", width: 12), SpreadsheetColumn("说明", width: 30),
        ]
        let rows: [[SpreadsheetCell]] = scores.map { score in
            let note = score.rank == nil ? (score.compositeNote ?? "有效票不足，不参与排名") : (score.compositeNote ?? "")
            return [
                score.rank.map { .number(Double($0)) } ?? .empty, .text(score.name), .text(score.employeeNumber), .text(score.departmentName),
                .text(score.section), .text(score.position), number(score.composite), number(score.merchantScore), number(score.starScore),
                number(score.assessmentScore), score.suppressed == true ? .empty : .number(Double(score.n)), number(score.unsatisfiedShare),
                .text(score.flags.map(\.text).joined(separator: "；")), .text(score.action?.rawValue ?? ""), .text(note),
            ]
        }
        let standing = run.official ? "正式结果" : "草稿，未发布"
        return Spreadsheet(
            title: "\(run.year) 年度股室长综合评议排名（\(run.label)，\(standing)；参与排名 \(ranked) 名）",
            sheetName: "\(run.year) 综合排名", columns: columns, rows: rows)
    }
}
