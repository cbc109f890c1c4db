import ArgumentParser
import Foundation
import PingyiCore
import PingyiStore

/// `pingyi export personnel --year 2026 --out F`
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "导出给人事的名单。", subcommands: [Personnel.self])

    /// HR's promotion and adjustment candidates as CSV.
    struct Personnel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "personnel", abstract: "导出拟晋升/评优和拟调整名单（CSV，UTF-8 带 BOM，与 API 的 personnel.csv 相同）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "年度（须已发布）") var year: Int
        @Option(help: "输出文件") var out: String

        func run() async throws {
            let (run, rows) = try await database.withPool { try await ScoringStore(pool: $0).personnel(year: year) }
            // Personal data: readable by the office's account only, and never over an existing file.
            try PrivateFile.create(out, contents: PersonnelList.csv(rows))
            let promotions = rows.filter { $0.list == .promotion }.count
            print("\(year) 年度（第 \(run) 次评分，正式结果）：拟晋升/评优 \(promotions) 名，拟调整 \(rows.count - promotions) 名，写入 \(out)")
        }
    }
}
