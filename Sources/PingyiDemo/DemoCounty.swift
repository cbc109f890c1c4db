import Foundation
import HummingbirdBcrypt
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiWorkflows

/// The demo county, kept out of the production path (its own target; `pingyi demo` only calls
/// it): loads the demo files through the same import workflow as real files, runs the years
/// before with simulated ballots and publishes them, makes the current year with one open
/// campaign of each kind and invitations issued (most answered by simulated respondents through
/// the web form's code path), and a console sign-in with a published password — only into an
/// empty database or one holding the demo county already.
public struct DemoCounty: Sendable {
    public static let year = 2026
    /// The years before, run and published with simulated ballots: the trend and the ladder.
    public static let previousYears = [2024, 2025]
    public static let adminLogin = "demo"
    public static let adminPassword = "pingyi-demo-2026"

    /// What the run leaves for the office to try.
    public struct Outcome: Sendable {
        /// The county's roster.
        public var county: CountySummary
        /// The official run of the year before.
        public var previousYear: ScoringRun
        /// The current year's open campaigns with the path of each one's private ballot key.
        public var openCampaigns: [(campaign: Campaign, keyPath: String)]
        /// A fresh link per open campaign.
        public var samples: [(campaign: Campaign, invitation: IssuedInvitation)]
    }

    let pool: ConnectionPool
    /// The demo's CSV files.
    let directory: String
    /// Where the links and the demo's ballot keys go (a folder made 0700).
    let out: String
    let publicURL: String
    let actor: String
    let bcryptCost: UInt8
    /// The key typed codes are stored under.
    let codeKey: InvitationCodeKey
    /// A shipped file's path (`SurveyTemplates/policy.yaml`), wherever the tool runs.
    let files: @Sendable (String) -> String
    /// Progress for the office, a line at a time.
    let report: @Sendable (String) -> Void

    public init(
        pool: ConnectionPool, directory: String, out: String, publicURL: String, actor: String, bcryptCost: UInt8,
        codeKey: InvitationCodeKey, files: @escaping @Sendable (String) -> String, report: @escaping @Sendable (String) -> Void
    ) {
        self.pool = pool
        self.directory = directory
        self.out = out
        self.publicURL = publicURL
        self.actor = actor
        self.bcryptCost = bcryptCost
        self.codeKey = codeKey
        self.files = files
        self.report = report
    }

    public func run() async throws -> Outcome {
        try await refuseForeignData()
        for (kind, name) in [
            (ImportWorkflow.Kind.roster, "roster.csv"), (.merchants, "merchants.csv"), (.dealings, "dealings.csv"),
            (.supervisors, "supervisors.csv"),
        ] {
            let path = file(name)
            report("载入 \(path) …")
            ImportWorkflow.report(try await ImportWorkflow.run(kind, path: path, pool: pool, actor: actor)).forEach(report)
        }
        let county = try await RosterStore(pool: pool).countySummary()
        for year in Self.previousYears { try await preparePreviousYear(year) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let campaigns = try await prepareYear()
        var samples: [(campaign: Campaign, invitation: IssuedInvitation)] = []
        for campaign in campaigns where campaign.state == .open {
            let (sample, fresh) = try await issueWithSample(campaign)
            if let sample { samples.append((campaign, sample)) }
            if !fresh.isEmpty {
                // Simulated respondents, through the web form's code path; the sample link stays unused.
                let accepted = try await DemoSimulation.submit(
                    fresh, campaign: campaign, share: campaign.kind == .merchantReview ? 0.75 : 0.85, store: BallotStore(pool: pool))
                report("活动 \(campaign.id)：模拟提交 \(accepted) 份（票箱中，活动结束后计入）")
            }
        }
        _ = try await ImportWorkflow.run(.assessment, path: file("assessment-\(Self.year).csv"), year: Self.year, pool: pool, actor: actor)
        // The problem ledger: the working calendar, then a year of problems.
        let ledger = ProblemStore(pool: pool)
        let calendarPath = files("calendars/\(Self.year).yaml")
        _ = try await ledger.importCalendar(try Self.readText(calendarPath), file: calendarPath, actor: actor)
        let departments = county.departments.map(\.code).sorted()
        let problems = try await DemoLedger.run(store: ledger, departments: departments, actor: actor)
        if problems > 0 { report("问题台账：\(Self.year) 年 \(problems) 个问题（多渠道，含逾期、退回和回访）") }
        try await ensureDemoAdmin()
        let identity = CountyIdentityStore(pool: pool)
        if try await identity.load() == .unset { try await identity.save(Self.identity, actor: actor) }
        try await ensureDepartmentAccounts(county.departments.map { ($0.code, $0.name) })
        // A printable letter for each sample link, as the office would hand out.
        for (campaign, sample) in samples {
            let path = "\(out)/letter-sample-campaign\(campaign.id)-\(CountyCalendar.stamp()).html"
            let row = LinksFile.Row(sample, kind: campaign.kind, publicURL: publicURL)
            let html = try LetterWorkflow.letters(
                [row], campaign: campaign, codes: [InvitationCode(token: sample.token).text], identity: try await identity.load())
            if (try? PrivateFile.create(path, contents: Data(html.utf8))) != nil { report("示例邀请函（可打印）：\(path)") }
        }
        return Outcome(
            county: county, previousYear: try await ScoringResultsStore(pool: pool).run(year: Self.year - 1),
            openCampaigns: campaigns.filter { $0.state == .open }.map { ($0, keyPath($0.id)) }, samples: samples)
    }

    /// The demo county's identity (made up, phone numbers of the 555 kind).
    public static let identity = CountyIdentity(
        countyName: "清河县", officeName: "清河县优化营商环境建设办公室", officeShortName: "县营商办", consultPhone: "0315-5550100",
        supervisePhone: "0315-5550199", seal: "清河县优化营商环境建设办公室")

    private func file(_ name: String) -> String { URL(fileURLWithPath: directory).appendingPathComponent(name).path }

    /// Where the demo keeps the private ballot key of an open campaign.
    private func keyPath(_ campaignID: Int) -> String { "\(out)/campaign-\(campaignID)-ballot-key.txt" }

    private static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw WorkflowError("无法读取文件 \(path)")
        }
        return text
    }

    /// The demo year with one open campaign of each kind, made where missing.
    private func prepareYear() async throws -> [Campaign] {
        if try await AppraisalStore(pool: pool).find(year: Self.year) == nil {
            let path = files("SurveyTemplates/policy.yaml")
            let created = try await AppraisalStore(pool: pool).create(
                year: Self.year, title: "\(Self.year) 年度营商环境股室长考评", policyText: try Self.readText(path), policyFile: path, actor: actor)
            report("已创建 \(created.year) 年度考评。")
        }
        let store = CampaignStore(pool: pool)
        var campaigns: [Campaign] = []
        for kind in CampaignKind.allCases {
            var campaign = try await store.list(year: Self.year).first { $0.kind == kind }
            if campaign == nil {
                let path = files("SurveyTemplates/\(kind.defaultTemplateFile)")
                let created = try await store.create(
                    year: Self.year, kind: kind, templateText: try Self.readText(path), templateFile: path, actor: actor)
                report("已创建活动 \(created.id)「\(kind.label)」。")
                campaign = created
            }
            if var current = campaign, current.state == .draft {
                // The demo keeps its private keys beside its links; a real office keeps them offline.
                let key = BallotOpeningKey.generate()
                try PrivateFile.create(keyPath(current.id), contents: Data(key.fileText(campaignID: current.id).utf8))
                current = try await store.transition(id: current.id, to: .open, actor: actor, key: key)
                report("活动 \(current.id)「\(kind.label)」已开始，计票私钥：\(keyPath(current.id))")
                campaign = current
            }
            if let campaign {
                if campaign.state != .open { report("活动 \(campaign.id)「\(kind.label)」状态为「\(campaign.state.label)」，不再发放邀请。") }
                campaigns.append(campaign)
            }
        }
        return campaigns
    }

    /// A database with any department, merchant or supervisor the demo files do not have is
    /// refused before anything is written: the simulated ballots and the published password
    /// must never land in real data.
    private func refuseForeignData() async throws {
        func keys(_ name: String, _ read: (Data) throws -> [String]) throws -> Set<String> {
            guard let data = FileManager.default.contents(atPath: file(name)) else { throw WorkflowError("无法读取文件 \(file(name))") }
            return Set(try read(data))
        }
        let departments = try keys("roster.csv") { try RosterFormat.parse($0, file: "roster.csv").validRows().map(\.value.department.code) }
        let merchants = try keys("merchants.csv") { try MerchantFormat.parse($0, file: "merchants.csv").validRows().map(\.value.creditCode.value) }
        let supervisors = try keys("supervisors.csv") { try SupervisorFormat.parse($0, file: "supervisors.csv").validRows().map(\.value.code) }
        let foreign = try await RosterStore(pool: pool).foreignKeys(departments: departments, merchants: merchants, supervisors: supervisors)
        guard foreign.isEmpty else {
            throw WorkflowError(
                "此数据库已有演示县以外的数据（\(foreign.joined(separator: "、"))）。pingyi demo 只能用于空数据库或演示数据库，"
                    + "以免把模拟选票、演示账号（公开的密码）写进真实数据。请用 PGDATABASE 指定另一个数据库。未作任何改动。")
        }
    }

    /// The demo county's console account (an admin with a published password: demo only).
    private func ensureDemoAdmin() async throws {
        let store = StaffStore(pool: pool)
        // The office's clerk, and the 组织部's and HR's readers (`zuzhibu`, `renshi`), with the demo's published password.
        for (login, name, role) in [
            (Self.adminLogin, "演示管理员", APIRole.admin), (Self.orgdeptLogin, "组织部干部科", .orgdept), (Self.hrLogin, "人事科", .hr),
        ] where try await store.credentials(login: login) == nil {
            _ = try await store.create(
                login: login, name: name, role: role, passwordHash: Bcrypt.hash(Self.adminPassword, cost: bcryptCost), mustChangePassword: false,
                actor: actor)
        }
    }

    /// The demo's 组织部 and HR logins.
    public static let orgdeptLogin = "zuzhibu"
    public static let hrLogin = "renshi"

    /// One 部门联络员 account per department (login 「dept-」 and the code in small letters, the
    /// demo's published password): demo only.
    private func ensureDepartmentAccounts(_ departments: [(code: String, name: String)]) async throws {
        let store = StaffStore(pool: pool)
        let hash = Bcrypt.hash(Self.adminPassword, cost: bcryptCost)
        for (code, name) in departments where try await store.credentials(login: Self.departmentLogin(code)) == nil {
            _ = try await store.create(
                login: Self.departmentLogin(code), name: "\(name)联络员", role: .department, department: code, passwordHash: hash,
                mustChangePassword: false, actor: actor)
        }
    }

    /// A department liaison's demo login: 「dept-scjg」 for SCJG.
    public static func departmentLogin(_ code: String) -> String { "dept-" + code.lowercased() }

    /// A previous year, made once: its campaigns run with simulated ballots and closed, its
    /// assessment imported, scored, published, and one follow-up recorded.
    private func preparePreviousYear(_ year: Int) async throws {
        guard try await AppraisalStore(pool: pool).find(year: year) == nil else { return }
        let policy = files("SurveyTemplates/policy.yaml")
        _ = try await AppraisalStore(pool: pool).create(
            year: year, title: "\(year) 年度营商环境股室长考评", policyText: try Self.readText(policy), policyFile: policy, actor: actor)
        let campaigns = CampaignStore(pool: pool)
        for kind in CampaignKind.allCases {
            let path = files("SurveyTemplates/\(kind.defaultTemplateFile)")
            let created = try await campaigns.create(year: year, kind: kind, templateText: try Self.readText(path), templateFile: path, actor: actor)
            let issued = try await InvitationStore(pool: pool).issue(campaignID: created.id, codeKey: codeKey, actor: actor).issued
            let key = BallotOpeningKey.generate()  // held only while the year is run through
            let opened = try await campaigns.transition(id: created.id, to: .open, actor: actor, key: key)
            let accepted = try await DemoSimulation.submit(
                issued, campaign: opened, share: kind == .merchantReview ? 0.8 : 0.9, store: BallotStore(pool: pool))
            _ = try await campaigns.transition(id: created.id, to: .closed, actor: actor, key: key)
            report("\(year) 年度「\(kind.label)」：模拟提交 \(accepted) 份，活动已结束")
        }
        ImportWorkflow.report(try await ImportWorkflow.run(.assessment, path: file("assessment-\(year).csv"), year: year, pool: pool, actor: actor))
            .forEach(report)
        let run = try await ScoringStore(pool: pool).score(year: year, actor: actor)
        let (_, followUps) = try await ScoringStore(pool: pool).publish(year: year, runID: run.id, actor: actor)
        report("\(year) 年度已计分并发布，不满意股室长 \(run.scores.filter(\.flagged).count) 名，整改措施 \(followUps) 条")
        if let first = try await FollowUpStore(pool: pool).list(year: year).first {
            _ = try await FollowUpStore(pool: pool).record(
                id: first.id, status: .done, note: "已由分管领导进行\(first.action.rawValue)，本人作出书面整改承诺。", actor: actor)
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
        var result = try await InvitationWorkflow.issue(
            campaignID: campaign.id, out: path, reissue: .none, publicURL: publicURL, codeKey: codeKey, pool: pool, actor: actor)
        if !result.issued.isEmpty {
            report("活动 \(campaign.id)：已发放 \(result.issued.count) 个链接，写入 \(path)")
            return (result.issued.first, result.issued)
        }
        guard let respondent = try await InvitationStore(pool: pool).firstUnusedRespondent(campaignID: campaign.id) else { return (nil, []) }
        result = try await InvitationWorkflow.issue(
            campaignID: campaign.id, out: path, reissue: .respondents([respondent]), reason: "演示：重新发放一个示例链接", publicURL: publicURL,
            codeKey: codeKey, pool: pool, actor: actor)
        report("活动 \(campaign.id)：邀请早已发放；为示例重新发放 1 个链接（原链接作废），写入 \(path)")
        return (result.issued.first, [])
    }
}
