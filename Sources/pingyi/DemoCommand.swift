import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiDemo
import PingyiWorkflows

/// `pingyi demo`: the demo county (`PingyiDemo.DemoCounty`) in the database, then what to try:
/// the year before's ranking, how to close and score this year, the console's sign-in and a
/// sample merchant link and supervisor link.
struct DemoCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "载入演示县：名册（demo/ 下的 CSV，经正常导入流程）、2024、2025 年度的已发布结果、2026 年度考评、两个进行中的活动和邀请链接。")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "演示数据目录（默认 PINGYI_DEMO_DIR 或 ./demo）")
    var dir: String?

    @Option(help: "邀请 CSV 的输出目录")
    var out: String = ".pingyi-demo"

    func run(_ configuration: PingyiConfiguration) async throws {
        let outcome = try await database.withPool(configuration) { pool in
            try await DemoCounty(
                pool: pool, directory: dir ?? configuration.demoDirectory ?? ProjectFiles.path("demo", home: configuration.home), out: out,
                publicURL: configuration.server.publicURL, actor: configuration.actor, bcryptCost: configuration.server.bcryptCost,
                codeKey: try configuration.codeKey(),
                files: { ProjectFiles.path($0, home: configuration.home) }, report: { print($0) }
            ).run()
        }
        print("演示县名册：")
        CountyCommand.print(outcome.county)
        let year = DemoCounty.year
        print("\n\(year - 1) 年度正式结果（\(outcome.previousYear.label)）：")
        ScoreCommand.printRun(outcome.previousYear, flaggedOnly: false)
        print("\n\(year) 年度的活动仍在进行。结束并计分：")
        for (campaign, keyPath) in outcome.openCampaigns {
            print("  pingyi campaign close \(campaign.id) --key \(keyPath)")
        }
        print("然后 pingyi score \(year)。（计票私钥在 \(out)/ 下，仅限演示；真实活动的私钥应离线保存。）")
        let publicURL = configuration.server.publicURL
        print("")
        print("营商办控制台：\(publicURL)/console　登录名 \(DemoCounty.adminLogin)　密码 \(DemoCounty.adminPassword)（仅限演示县）")
        print("组织部：登录名 \(DemoCounty.orgdeptLogin)　人事：登录名 \(DemoCounty.hrLogin)　密码同上（仅限演示县）")
        print("部门联络员：登录名 dept-部门代码（小写，如 \(DemoCounty.departmentLogin(outcome.county.departments.first?.code ?? "SCJG"))）　密码同上（仅限演示县）")
        for (campaign, sample) in outcome.samples {
            let who = campaign.kind == .merchantReview ? "企业" : "特约监督员"
            print("示例\(who)链接（\(sample.name)，活动 \(campaign.id)「\(campaign.kind.label)」）：")
            print("  \(sample.link(publicURL: publicURL, kind: campaign.kind))")
        }
    }
}
