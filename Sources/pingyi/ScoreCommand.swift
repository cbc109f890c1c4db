import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// `pingyi score YEAR`
struct ScoreCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "计算年度得分：综合得分、排名、不满意认定（附依据）和整改措施，并保存为一次评分结果。",
        discussion: "同样的数据再次计算得到同一次结果；数据变化后计算会保存新的一次，旧的保留。已发布的年度不能再计算。")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "年度") var year: Int
    @Flag(help: "只显示被认定为不满意的股室长") var flaggedOnly = false
    @Flag(name: .customLong("dry-run"), help: "试算：计算并显示，不保存") var dryRun = false

    func run(_ configuration: PingyiConfiguration) async throws {
        let run = try await database.withPool(configuration) { pool in
            try await ScoringStore(pool: pool).score(year: year, actor: configuration.actor, dryRun: dryRun) { print($0) }
        }
        for note in run.notes { print("注意：\(note)") }
        ScoreCommand.printRun(run, flaggedOnly: flaggedOnly)
        if dryRun {
            print("试算结果，未保存。")
        } else {
            print(
                run.isNew
                    ? "已保存为 \(year) 年度第 \(run.number) 次计分（编号 \(run.id)）。"
                    : "数据与 \(year) 年度第 \(run.number) 次计分（编号 \(run.id)）相同，结果未变，未另存。")
        }
    }

    static func printRun(_ run: ScoringRun, flaggedOnly: Bool) {
        var table = TextTable(["", "排名", "姓名", "部门", "股室", "有效票", "客商评议", "不满意率", "评星", "目标考核", "综合", "措施"])
        for score in run.disclosed.scores where !flaggedOnly || score.flagged {
            table.append([
                score.flagged ? "▲" : (score.insufficientData ? "·" : " "),
                score.rank.map { "\($0)" } ?? (score.insufficientData ? "样本不足" : "—"),
                score.name, score.departmentName, score.section, score.suppressed == true ? "不足" : "\(score.n)",
                Figures.score(score.merchantScore), score.unsatisfiedShare.map(Figures.percent) ?? "—",
                score.starScore.map { String(format: "%.1f", $0) + (score.starLevel.map { "(\($0)星)" } ?? "") } ?? "—",
                Figures.score(score.assessmentScore) + (score.ownAssessment ? "*" : ""),
                Figures.score(score.composite) + (score.compositeNote == nil ? "" : "†"),
                score.action?.rawValue ?? "",
            ])
        }
        table.print()
        let flagged = run.scores.filter(\.flagged)
        print(
            "共 \(run.scores.count) 名股室长，排名 \(run.scores.filter { $0.rank != nil }.count) 名，不满意 \(flagged.count) 名（▲）；· 有效票不足；* 本人目标考核；† 缺少部分得分，已重新归一。"
        )
        for score in flagged {
            print("▲ \(score.name)（\(score.departmentName) \(score.section)）：\(score.flags.map(\.text).joined(separator: "；"))")
            if let action = score.action { print("    整改措施：\(action.rawValue)（\(score.actionReason ?? "")）") }
        }
        for score in run.scores where score.compositeNote != nil && score.rank != nil {
            print("† \(score.name)：\(score.compositeNote!)")
        }
    }
}
