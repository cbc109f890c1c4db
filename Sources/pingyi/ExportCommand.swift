import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiStore
import PingyiWorkflows

/// `pingyi export personnel|ranking --year Y --out F.xlsx|F.csv`, and `pingyi export notice` (通报 .docx)
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "导出人事名单或综合排名（.xlsx 或 CSV，按 --out 的扩展名）。", subcommands: [Personnel.self, Ranking.self, NoticeFile.self])

    /// HR's promotion and adjustment candidates.
    struct Personnel: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "personnel", abstract: "导出拟晋升/评优和拟调整名单（与 API 的 personnel.xlsx / personnel.csv 相同）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "年度（须已发布）") var year: Int
        @Option(help: "输出文件：.xlsx（Excel/WPS）或 .csv（UTF-8 带 BOM）") var out: String

        func validate() throws { _ = try SpreadsheetExport.format(out) }

        func run(_ configuration: PingyiConfiguration) async throws {
            try await database.withPool(configuration) { pool in
                let store = ScoringResultsStore(pool: pool)
                let (run, rows) = try await store.personnel(year: year)
                try await SpreadsheetExport.write(
                    PersonnelList.sheet(year: year, run: run, rows), to: out, workbook: PersonnelList.workbook(year: year, rows))
                try await store.recordPersonnelExport(
                    year: year, run: run, format: (out as NSString).pathExtension.lowercased(), actor: configuration.actor)
                let promotions = rows.filter { $0.list == .promotion }.count
                print("\(year) 年度（计分编号 \(run)，正式结果）：拟晋升/评优 \(promotions) 名，拟调整 \(rows.count - promotions) 名，写入 \(out)")
            }
        }
    }

    /// The ranking of the official run (or of the latest run with `--latest`).
    struct Ranking: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "ranking", abstract: "导出综合排名（与 API 的 ranking.xlsx / ranking.csv 相同；有效票不足者不显示客商评议数据）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "年度") var year: Int
        @Option(help: "输出文件：.xlsx（Excel/WPS）或 .csv（UTF-8 带 BOM）") var out: String
        @Flag(help: "导出最近一次评分（未发布的草稿），而非正式结果") var latest = false

        func validate() throws { _ = try SpreadsheetExport.format(out) }

        func run(_ configuration: PingyiConfiguration) async throws {
            let run = try await database.withPool(configuration) { pool in
                let results = ScoringResultsStore(pool: pool)
                return try await latest ? results.run(year: year) : results.run(year: year, officialOnly: true)
            }
            try await SpreadsheetExport.write(RankingSheet.make(run), to: out)
            let ranked = run.scores.filter { $0.rank != nil }.count
            print("\(year) 年度（\(run.label)，\(run.official ? "正式结果" : "草稿，未发布")）：排名 \(ranked) 名，共 \(run.scores.count) 名，写入 \(out)")
        }
    }

    /// A 通报 as a Word file, as the console's 通报 pages make it.
    struct NoticeFile: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "notice", abstract: "生成通报 Word 文件（.docx）：年度评议结果、月度调度或季度排名（与控制台「通报」相同）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "通报：年度（年度评议结果）、月度（问题办理调度）或季度（问题办理排名）") var kind: String
        @Option(help: "年度") var year: Int
        @Option(help: "月份 1–12（月度通报）") var month: Int?
        @Option(help: "季度 1–4（季度通报）") var quarter: Int?
        @Option(help: "文号，如 清营商办〔2026〕12号（可留空，印发前手填）") var number = ""
        @Option(help: "输出文件（.docx）") var out: String

        static let kinds = ["年度": Notice.Kind.annual, "月度": .monthly, "季度": .quarterly]

        func validate() throws {
            guard let kind = Self.kinds[kind] else { throw ValidationError("--kind 应为 年度、月度 或 季度") }
            guard out.lowercased().hasSuffix(".docx") else { throw ValidationError("--out 须以 .docx 结尾") }
            if kind == .monthly, month.map({ !(1...12).contains($0) }) ?? true { throw ValidationError("月度通报须给出 --month 1–12") }
            if kind == .quarterly, quarter.map({ !(1...4).contains($0) }) ?? true { throw ValidationError("季度通报须给出 --quarter 1–4") }
            do {
                _ = try Notice.docNumber(number)
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run(_ configuration: PingyiConfiguration) async throws {
            let number = try Notice.docNumber(number)
            let today = CountyCalendar.today()
            let notice = try await database.withPool(configuration) { pool in
                let identity = try await CountyIdentityStore(pool: pool).load()
                switch Self.kinds[kind]! {
                case .annual:
                    let store = ScoringResultsStore(pool: pool)
                    let run = try await store.shownRun(year: year)
                    let departments = try await store.departments(year: year, run: run, responseRates: false).filter { $0.chiefs > 0 }
                    return Notice.annual(run: run, departments: departments, identity: identity, docNumber: number, issuedOn: today)
                case .monthly:
                    let month = LedgerMonth(year: year, month: month!)!
                    return Notice.monthly(
                        month: month, rows: try await ProblemStore(pool: pool).monthly(month), identity: identity, docNumber: number, issuedOn: today)
                case .quarterly:
                    return Notice.quarterly(
                        year: year, quarter: quarter!, rows: try await ProblemStore(pool: pool).quarterly(year: year, quarter: quarter!),
                        identity: identity, docNumber: number, issuedOn: today)
                }
            }
            try PrivateFile.create(out, contents: try await NoticeDocx.data(notice))
            print("\(notice.title)：写入 \(out)（Word 文件，可修改后印发）")
        }
    }
}
