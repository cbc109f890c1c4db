import ArgumentParser
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// `pingyi county`: what the county's roster holds.
struct CountyCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(commandName: "county", abstract: "显示本县名册概况：部门、股室、股室长、企业、特约监督员。")

    @OptionGroup var database: DatabaseOptions

    func run(_ configuration: PingyiConfiguration) async throws {
        let summary = try await database.withPool(configuration) { pool in try await RosterStore(pool: pool).countySummary() }
        CountyCommand.print(summary)
    }

    static func print(_ summary: CountySummary) {
        Swift.print("部门 \(summary.departments.count) 个，股室 \(summary.sectionCount) 个，在职股室长 \(summary.chiefCount) 名")
        for line in summary.departments {
            Swift.print("  \(line.code.padding(toLength: 8, withPad: " ", startingAt: 0)) \(line.name)：股室 \(line.sections)，股室长 \(line.chiefs)")
        }
        let dealings = summary.dealingsByYear.keys.sorted().map { "\($0) 年 \(summary.dealingsByYear[$0]!) 条" }.joined(separator: "，")
        Swift.print("企业 \(summary.merchants) 家；办事记录：\(dealings.isEmpty ? "无" : dealings)")
        let supervisors = SupervisorCategory.allCases.compactMap { category in
            summary.supervisorsByCategory[category].map { "\(category.rawValue) \($0)" }
        }.joined(separator: "，")
        Swift.print("特约监督员 \(summary.supervisorCount) 名（\(supervisors.isEmpty ? "无" : supervisors)）")
    }
}
