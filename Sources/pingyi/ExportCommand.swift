import ArgumentParser
import Foundation
import PingyiCore
import PingyiStore
import PingyiWorkflows

/// `pingyi export personnel|ranking --year Y --out F.xlsx|F.csv`
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "导出人事名单或综合排名（.xlsx 或 CSV，按 --out 的扩展名）。", subcommands: [Personnel.self, Ranking.self])

    /// HR's promotion and adjustment candidates.
    struct Personnel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "personnel", abstract: "导出拟晋升/评优和拟调整名单（与 API 的 personnel.xlsx / personnel.csv 相同）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "年度（须已发布）") var year: Int
        @Option(help: "输出文件：.xlsx（Excel/WPS）或 .csv（UTF-8 带 BOM）") var out: String

        func validate() throws { _ = try SpreadsheetExport.format(out) }

        func run() async throws {
            try await database.withPool { pool in
                let store = ScoringStore(pool: pool)
                let (run, rows) = try await store.personnel(year: year)
                try await SpreadsheetExport.write(PersonnelList.sheet(year: year, run: run, rows), to: out)
                try await store.recordPersonnelExport(
                    year: year, run: run, format: (out as NSString).pathExtension.lowercased(), actor: DatabaseOptions.actor)
                let promotions = rows.filter { $0.list == .promotion }.count
                print("\(year) 年度（第 \(run) 次评分，正式结果）：拟晋升/评优 \(promotions) 名，拟调整 \(rows.count - promotions) 名，写入 \(out)")
            }
        }
    }

    /// The ranking of the official run (or of the latest run with `--latest`).
    struct Ranking: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ranking", abstract: "导出综合排名（与 API 的 ranking.xlsx / ranking.csv 相同；有效票不足者不显示客商评议数据）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "年度") var year: Int
        @Option(help: "输出文件：.xlsx（Excel/WPS）或 .csv（UTF-8 带 BOM）") var out: String
        @Flag(help: "导出最近一次评分（未发布的草稿），而非正式结果") var latest = false

        func validate() throws { _ = try SpreadsheetExport.format(out) }

        func run() async throws {
            let run = try await database.withPool { pool in
                try await latest ? ScoringStore(pool: pool).run(year: year) : ScoringStore(pool: pool).run(year: year, officialOnly: true)
            }
            try await SpreadsheetExport.write(RankingSheet.make(run), to: out)
            let ranked = run.scores.filter { $0.rank != nil }.count
            print("\(year) 年度（第 \(run.id) 次评分，\(run.official ? "正式结果" : "草稿，未发布")）：排名 \(ranked) 名，共 \(run.scores.count) 名，写入 \(out)")
        }
    }
}
