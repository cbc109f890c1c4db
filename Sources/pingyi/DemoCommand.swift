import ArgumentParser
import Foundation
import HummingbirdBcrypt
import PingyiCore
import PingyiServer
import PingyiStore

/// `pingyi demo`: loads the demo county through the same import path as real files, then makes
/// sure the current appraisal year exists with one open campaign of each kind and invitations
/// issued, and prints a sample merchant link and supervisor link.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "载入演示县：名册（demo/ 下的 CSV，经正常导入流程）、2024、2025 年度的已发布结果、2026 年度考评、两个进行中的活动和邀请链接。")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "演示数据目录（默认 PINGYI_DEMO_DIR 或 ./demo）")
    var dir: String?

    @Option(help: "邀请 CSV 的输出目录")
    var out: String = ".pingyi-demo"

    static let year = 2026
    /// The years before, run and published with simulated ballots: the trend and the ladder.
    static let previousYears = [2024, 2025]

    func run() async throws {
        let directory = dir ?? PingyiConfiguration.current.demoDirectory ?? ProjectFiles.path("demo")
        let files: [(ImportCommand.Kind, String)] = [
            (.roster, "roster.csv"), (.merchants, "merchants.csv"), (.dealings, "dealings.csv"), (.supervisors, "supervisors.csv"),
        ]
        try await refuseForeignData(directory: directory)
        let summary = try await database.withPool { pool in
            let store = RosterStore(pool: pool)
            for (kind, name) in files {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
                print("载入 \(path) …")
                ImportCommand.printSummary(try await ImportCommand.importFile(kind, path: path, store: store))
            }
            return try await store.countySummary()
        }
        print("演示县名册：")
        CountyCommand.print(summary)
        for year in DemoCommand.previousYears { try await preparePreviousYear(year, directory: directory) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let campaigns = try await prepareYear()
        var samples: [(Campaign, IssuedInvitation)] = []
        for campaign in campaigns where campaign.state == .open {
            let (sample, fresh) = try await issueWithSample(campaign)
            if let sample { samples.append((campaign, sample)) }
            if !fresh.isEmpty {
                // Simulated respondents, through the web form's code path; the sample link stays unused.
                let accepted = try await database.withPool { pool in
                    try await DemoSimulation.submit(
                        fresh, campaign: campaign, share: campaign.kind == .merchantReview ? 0.75 : 0.85, store: BallotStore(pool: pool))
                }
                print("活动 \(campaign.id)：模拟提交 \(accepted) 份（票箱中，活动结束后计入）")
            }
        }
        let assessment = URL(fileURLWithPath: directory).appendingPathComponent("assessment-\(DemoCommand.year).csv").path
        _ = try await database.withPool { pool in
            try await ImportCommand.importAssessment(path: assessment, year: DemoCommand.year, store: AssessmentStore(pool: pool))
        }
        let previous = try await database.withPool { try await ScoringStore(pool: $0).run(year: DemoCommand.year - 1) }
        print("\n\(DemoCommand.year - 1) 年度正式结果（第 \(previous.id) 次评分）：")
        ScoreCommand.printRun(previous, flaggedOnly: false)
        print("\n\(DemoCommand.year) 年度的活动仍在进行。结束并计分：")
        for campaign in campaigns where campaign.state == .open {
            print("  pingyi campaign close \(campaign.id) --key \(keyPath(campaign.id))")
        }
        print("然后 pingyi score \(DemoCommand.year)。（开票私钥在 \(out)/ 下，仅限演示；真实活动的私钥应离线保存。）")
        let publicURL = PingyiConfiguration.current.server.publicURL
        try await ensureDemoAdmin()
        print("")
        print("营商办控制台：\(publicURL)/console　登录名 \(DemoCommand.adminLogin)　密码 \(DemoCommand.adminPassword)（仅限演示县）")
        for (campaign, sample) in samples {
            let who = campaign.kind == .merchantReview ? "企业" : "特约监督员"
            print("示例\(who)链接（\(sample.name)，活动 \(campaign.id)「\(campaign.kind.label)」）：")
            print("  \(sample.link(publicURL: publicURL, kind: campaign.kind))")
        }
    }

    /// The demo year with one open campaign of each kind, made where missing.
    private func prepareYear() async throws -> [Campaign] {
        try await database.withPool { pool in
            let actor = DatabaseOptions.actor
            if try await AppraisalStore(pool: pool).find(year: DemoCommand.year) == nil {
                let path = ProjectFiles.path("SurveyTemplates/policy.yaml")
                let created = try await AppraisalStore(pool: pool).create(
                    year: DemoCommand.year, title: "\(DemoCommand.year) 年度营商环境股室长考评", policyText: try readText(path),
                    policyFile: path, actor: actor)
                print("已创建 \(created.year) 年度考评。")
            }
            let store = CampaignStore(pool: pool)
            var campaigns: [Campaign] = []
            for kind in CampaignKind.allCases {
                var campaign = try await store.list(year: DemoCommand.year).first { $0.kind == kind }
                if campaign == nil {
                    let path = ProjectFiles.path("SurveyTemplates/\(kind.defaultTemplateFile)")
                    campaign = try await store.create(
                        year: DemoCommand.year, kind: kind, templateText: try readText(path), templateFile: path, actor: actor)
                    print("已创建活动 \(campaign!.id)「\(kind.label)」。")
                }
                if var current = campaign, current.state == .draft {
                    // The demo keeps its private keys beside its links; a real office keeps them offline.
                    let key = BallotOpeningKey.generate()
                    try PrivateFile.create(keyPath(current.id), contents: Data(key.fileText(campaignID: current.id).utf8))
                    current = try await store.transition(id: current.id, to: .open, actor: actor, key: key)
                    print("活动 \(current.id)「\(kind.label)」已开始，开票私钥：\(keyPath(current.id))")
                    campaign = current
                }
                if let campaign {
                    if campaign.state != .open { print("活动 \(campaign.id)「\(kind.label)」状态为「\(campaign.state.label)」，不再发放邀请。") }
                    campaigns.append(campaign)
                }
            }
            return campaigns
        }
    }

    /// The demo loads a made-up county, runs years with simulated ballots and creates a sign-in
    /// with a published password: only into an empty database or one holding the demo county
    /// already. A database with any department, merchant or supervisor the demo files do not
    /// have is refused before anything is written.
    private func refuseForeignData(directory: String) async throws {
        func keys(_ file: String, _ read: (Data) throws -> [String]) throws -> Set<String> {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("无法读取文件 \(path)") }
            return Set(try read(data))
        }
        let departments = try keys("roster.csv") { try RosterFormat.parse($0, file: "roster.csv").validRows().map(\.value.department.code) }
        let merchants = try keys("merchants.csv") { try MerchantFormat.parse($0, file: "merchants.csv").validRows().map(\.value.creditCode.value) }
        let supervisors = try keys("supervisors.csv") { try SupervisorFormat.parse($0, file: "supervisors.csv").validRows().map(\.value.code) }
        let foreign = try await database.withPool { pool in
            try await RosterStore(pool: pool).foreignKeys(departments: departments, merchants: merchants, supervisors: supervisors)
        }
        guard foreign.isEmpty else {
            throw CLIError(
                "此数据库已有演示县以外的数据（\(foreign.joined(separator: "、"))）。pingyi demo 只能用于空数据库或演示数据库，"
                    + "以免把模拟选票、演示账号（公开的密码）写进真实数据。请用 PGDATABASE 指定另一个数据库。未作任何改动。")
        }
    }

    /// Where the demo keeps the private ballot key of an open campaign.
    private func keyPath(_ campaignID: Int) -> String { "\(out)/campaign-\(campaignID)-ballot-key.txt" }

    static let adminLogin = "demo"
    static let adminPassword = "pingyi-demo-2026"

    /// The demo county's console account (an admin with a published password: demo only).
    private func ensureDemoAdmin() async throws {
        try await database.withPool { pool in
            let store = StaffStore(pool: pool)
            guard try await store.credentials(login: DemoCommand.adminLogin) == nil else { return }
            _ = try await store.create(
                login: DemoCommand.adminLogin, name: "演示管理员", role: .admin,
                passwordHash: Bcrypt.hash(DemoCommand.adminPassword, cost: StaffCommand.cost), mustChangePassword: false,
                actor: DatabaseOptions.actor)
        }
    }

    /// A previous year, made once: its campaigns run with simulated ballots and closed, its
    /// assessment imported, scored, published, and one follow-up recorded.
    private func preparePreviousYear(_ year: Int, directory: String) async throws {
        try await database.withPool { pool in
            guard try await AppraisalStore(pool: pool).find(year: year) == nil else { return }
            let actor = DatabaseOptions.actor
            let policy = ProjectFiles.path("SurveyTemplates/policy.yaml")
            _ = try await AppraisalStore(pool: pool).create(
                year: year, title: "\(year) 年度营商环境股室长考评", policyText: try readText(policy), policyFile: policy, actor: actor)
            let campaigns = CampaignStore(pool: pool)
            for kind in CampaignKind.allCases {
                let path = ProjectFiles.path("SurveyTemplates/\(kind.defaultTemplateFile)")
                let created = try await campaigns.create(year: year, kind: kind, templateText: try readText(path), templateFile: path, actor: actor)
                let issued = try await InvitationStore(pool: pool).issue(campaignID: created.id, actor: actor).issued
                let key = BallotOpeningKey.generate()  // held only while the year is run through
                let opened = try await campaigns.transition(id: created.id, to: .open, actor: actor, key: key)
                let accepted = try await DemoSimulation.submit(
                    issued, campaign: opened, share: kind == .merchantReview ? 0.8 : 0.9, store: BallotStore(pool: pool))
                _ = try await campaigns.transition(id: created.id, to: .closed, actor: actor, key: key)
                print("\(year) 年度「\(kind.label)」：模拟提交 \(accepted) 份，活动已结束")
            }
            let assessment = URL(fileURLWithPath: directory).appendingPathComponent("assessment-\(year).csv").path
            ImportCommand.printSummary(try await ImportCommand.importAssessment(path: assessment, year: year, store: AssessmentStore(pool: pool)))
            let run = try await ScoringStore(pool: pool).score(year: year, actor: actor)
            let (_, followUps) = try await ScoringStore(pool: pool).publish(year: year, runID: run.id, actor: actor)
            print("\(year) 年度已计分并发布，不满意股室长 \(run.scores.filter(\.flagged).count) 名，整改措施 \(followUps) 条")
            if let first = try await FollowUpStore(pool: pool).list(year: year).first {
                _ = try await FollowUpStore(pool: pool).record(
                    id: first.id, status: .done, note: "已由分管领导进行\(first.action.rawValue)，本人作出书面整改承诺。", actor: actor)
            }
        }
    }

    /// Issues the campaign's missing invitations; when every respondent already has one, reissues
    /// a single unused one so that there is a fresh sample link to print. Returns the sample and
    /// the invitations issued fresh (empty when it only reissued).
    private func issueWithSample(_ campaign: Campaign) async throws -> (IssuedInvitation?, [IssuedInvitation]) {
        let stamp = CountyCalendar.stamp()
        var path = "\(out)/invitations-campaign\(campaign.id)-\(stamp).csv"
        var suffix = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(out)/invitations-campaign\(campaign.id)-\(stamp)-\(suffix).csv"
            suffix += 1
        }
        var result = try await InvitationsCommand.issue(campaignID: campaign.id, out: path, reissue: .none, departments: nil, database: database)
        if !result.issued.isEmpty {
            print("活动 \(campaign.id)：已发放 \(result.issued.count) 个链接，写入 \(path)")
            return (result.issued.first, result.issued)
        } else {
            let respondent = try await database.withPool { try await InvitationStore(pool: $0).firstUnusedRespondent(campaignID: campaign.id) }
            guard let respondent else { return (nil, []) }
            result = try await InvitationsCommand.issue(
                campaignID: campaign.id, out: path, reissue: .respondents([respondent]), reason: "演示：重新发放一个示例链接",
                departments: nil, database: database)
            print("活动 \(campaign.id)：邀请早已发放；为示例重新发放 1 个链接（原链接作废），写入 \(path)")
        }
        return (result.issued.first, [])
    }
}
