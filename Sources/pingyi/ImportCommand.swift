import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiStore
import PingyiWorkflows

/// `pingyi import roster|merchants|dealings|supervisors FILE.csv`
struct ImportCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入 CSV 名单（UTF-8，可带 BOM，首行为表头）。",
        discussion: "先校验全部行，逐行报告错误（文件:行: 列: 原因）；有任何错误则不写入。重复导入同一文件不产生重复数据。")

    /// The kinds of file.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case roster, merchants, dealings, supervisors, assessment, problems
    }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "名单种类：roster（股室长名册）、merchants（企业）、dealings（企业办事记录）、supervisors（特约监督员）、assessment（目标责任考核，需 --year）、problems（问题台账：12345 等渠道导出的问题）")
    var kind: Kind

    @Argument(help: "CSV 文件")
    var file: String

    @Option(help: "年度（导入目标考核 assessment 时必填）")
    var year: Int?

    @Flag(name: .customLong("dry-run"), help: "试导入：完整校验并报告将新增、更新、不变的行数，但不写入任何数据")
    var dryRun = false

    func validate() throws {
        if kind == .assessment, year == nil { throw ValidationError("导入目标考核须指定 --year") }
    }

    func run(_ configuration: PingyiConfiguration) async throws {
        let summary = try await database.withPool(configuration) { pool in
            try await ImportWorkflow.run(
                ImportWorkflow.Kind(rawValue: kind.rawValue)!, path: file, year: year, pool: pool, actor: configuration.actor, dryRun: dryRun)
        }
        for line in ImportWorkflow.report(summary) { print(line) }
        if dryRun { print("试导入：以上为将要发生的变化，未写入任何数据。") }
    }
}
