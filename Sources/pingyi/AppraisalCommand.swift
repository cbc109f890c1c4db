import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// `pingyi appraisal create|list|policy|publish|unpublish`
struct AppraisalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal", abstract: "年度考评：创建（连同评分政策）和列出。", subcommands: [Create.self, List.self, Policy.self, Publish.self, Unpublish.self])

    /// `pingyi appraisal policy YEAR FILE`
    struct Policy: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy", abstract: "更换未发布年度的评分政策（之前的评分结果保留其所用政策的 SHA-256）。")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "年度") var year: Int
        @Argument(help: "评分政策文件") var file: String

        func run(_ configuration: PingyiConfiguration) async throws {
            let text = try readText(file)
            let updated = try await database.withPool(configuration) { pool in
                try await AppraisalStore(pool: pool).replacePolicy(year: year, policyText: text, policyFile: file, actor: configuration.actor)
            }
            print("\(year) 年度的评分政策已更换，SHA-256 \(updated.policySHA256.prefix(12))…；请重新运行 pingyi score \(year)。")
        }
    }

    /// `pingyi appraisal unpublish YEAR --reason "…"`
    struct Unpublish: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "unpublish",
            abstract: "撤销发布：年度回到“已评分”状态，可重新评分和发布；评分结果保留为历史，整改措施标记为已撤销并注明理由（不删除）。")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "年度") var year: Int
        @Option(help: "理由（必填，记入审计日志和整改记录）") var reason: String?

        func validate() throws {
            guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("撤销发布须用 --reason 说明理由（记入审计日志和整改记录），未作任何改动")
            }
        }

        func run(_ configuration: PingyiConfiguration) async throws {
            let withdrawn = try await database.withPool(configuration) { pool in
                try await ScoringStore(pool: pool).unpublish(year: year, reason: reason ?? "", actor: configuration.actor)
            }
            print("\(year) 年度已撤销发布，整改措施 \(withdrawn) 条标记为已撤销；现在可以重新运行 pingyi score \(year)。")
        }
    }

    /// `pingyi appraisal publish YEAR [--run N]`
    struct Publish: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish", abstract: "发布年度结果：指定的（默认最近一次）评分结果成为正式结果，年度冻结，不满意股室长生成整改措施。")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "年度") var year: Int
        @Option(help: "评分结果编号（默认最近一次）") var run: Int?

        func run(_ configuration: PingyiConfiguration) async throws {
            let (official, followUps) = try await database.withPool(configuration) { pool in
                try await ScoringStore(pool: pool).publish(year: year, runID: run, actor: configuration.actor)
            }
            print("\(year) 年度已发布：计分编号 \(official) 为正式结果，生成整改措施 \(followUps) 条（pingyi followups list --year \(year)）。")
        }
    }

    /// `pingyi appraisal create YEAR [--policy FILE] [--title T]`
    struct Create: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "创建年度考评，保存评分政策的全文和 SHA-256。")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "年度，如 2026")
        var year: Int

        @Option(help: "评分政策文件（默认随程序提供的 SurveyTemplates/policy.yaml，也在 PINGYI_HOME 下查找）")
        var policy: String?

        @Option(help: "标题（默认「YEAR 年度营商环境股室长考评」）")
        var title: String?

        func run(_ configuration: PingyiConfiguration) async throws {
            let policy = self.policy ?? ProjectFiles.path("SurveyTemplates/policy.yaml", home: configuration.home)
            guard FileManager.default.fileExists(atPath: policy) else {
                throw CLIError("找不到评分政策文件 \(policy)：请用 --policy 指定，或设置 PINGYI_HOME 为 Pingyi 的安装目录（含 SurveyTemplates/）")
            }
            let text = try readText(policy)
            let created = try await database.withPool(configuration) { pool in
                try await AppraisalStore(pool: pool).create(
                    year: year, title: title ?? "\(year) 年度营商环境股室长考评", policyText: text, policyFile: policy,
                    actor: configuration.actor)
            }
            print("已创建 \(created.year) 年度考评「\(created.title)」，评分政策 SHA-256 \(created.policySHA256.prefix(12))…")
        }
    }

    /// `pingyi appraisal list`
    struct List: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出年度考评。")

        @OptionGroup var database: DatabaseOptions

        func run(_ configuration: PingyiConfiguration) async throws {
            let (years, standing) = try await database.withPool(configuration) { pool in
                (try await AppraisalStore(pool: pool).list(), try await AppraisalStore(pool: pool).standing())
            }
            if years.isEmpty { print("还没有年度考评。") }
            for year in years {
                let state: String
                switch standing[year.year] {
                case .some((_, .some(let official), let day)): state = "已发布（计分编号 \(official)，\(day ?? "")）"
                case .some((.some(let latest), nil, _)): state = "已评分，未发布（最新计分编号 \(latest)）"
                default: state = "未评分"
                }
                print("\(year.year)\t\(year.title)\t\(state)\t政策 SHA-256 \(year.policySHA256.prefix(12))…")
            }
        }
    }
}

/// A UTF-8 file's text, or a clear error.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("无法读取文件 \(path)") }
    guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path) 不是有效的 UTF-8 编码") }
    return text
}
