import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTally

/// A small county in a fresh database: 3 departments, 4 chiefs, 3 merchants with 2026 dealings
/// (one merchant has none), 3 supervisors (one inactive), and the 2026 appraisal year.
public struct CountyFixture: Sendable {
    /// The fixture's database.
    public let database: TestDatabase
    /// A pool on it.
    public let pool: ConnectionPool

    /// The repository's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The roster file.
    public static let roster = """
        部门代码,部门名称,股室,工号,姓名,职务
        SCJG,县市场监督管理局,登记注册股,G0101,王芳,股长
        SCJG,县市场监督管理局,食品安全监管股,G0102,李强,股长
        XZSP,县行政审批服务局,综合受理股,G0201,赵敏,股长
        SWJ,县税务局,纳税服务股,G0301,钱进,股长
        """
    /// The merchants file.
    public static let merchants = """
        统一社会信用代码,企业名称,联系人,联系电话
        914403001922038216,华为技术有限公司,张三,0755-28780808
        91110108551385082Q,小米科技有限责任公司,,
        91110000802100433B,北京百度网讯科技有限公司,,
        """
    /// The dealings file.
    public static let dealings = """
        统一社会信用代码,年度,部门代码
        914403001922038216,2026,SCJG
        914403001922038216,2026,XZSP
        91110108551385082Q,2026,SWJ
        91110000802100433B,2025,SCJG
        """
    /// The supervisors file.
    public static let supervisors = """
        编号,姓名,类别,在职
        JD001,薛敏,人大代表,是
        JD002,周云,政协委员,是
        JD003,孙立,企业代表,否
        """

    /// A file of `SurveyTemplates/`.
    public static func shipped(_ name: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent("SurveyTemplates").appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs `body` with the county loaded; the pool is shut down afterwards.
    public static func withCounty(_ body: (CountyFixture) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 4)
            do {
                let roster = RosterStore(pool: pool)
                _ = try await roster.importRoster(RosterFormat.parse(Data(Self.roster.utf8), file: "r.csv"), actor: "test")
                _ = try await roster.importMerchants(MerchantFormat.parse(Data(Self.merchants.utf8), file: "m.csv"), actor: "test")
                _ = try await roster.importDealings(DealingFormat.parse(Data(Self.dealings.utf8), file: "d.csv"), actor: "test")
                _ = try await roster.importSupervisors(SupervisorFormat.parse(Data(Self.supervisors.utf8), file: "s.csv"), actor: "test")
                _ = try await AppraisalStore(pool: pool).create(
                    year: 2026, title: "2026 年度", policyText: try shipped("policy.yaml"), policyFile: "policy.yaml", actor: "test")
                try await body(CountyFixture(database: database, pool: pool))
                await pool.shutdown()
            } catch {
                await pool.shutdown()
                throw error
            }
        }
    }

    /// A draft campaign of `kind` in `year` (2026 unless said) with the shipped template.
    public func campaign(_ kind: CampaignKind, year: Int = 2026) async throws -> Campaign {
        try await CampaignStore(pool: pool).create(
            year: year, kind: kind, templateText: try Self.shipped(kind.defaultTemplateFile), templateFile: kind.defaultTemplateFile,
            actor: "test")
    }

    /// The ballot key of every campaign the tests open (one per test process): tests seal with
    /// its public half and count with it at close, as the office would with its key file.
    public static let ballotKey = BallotOpeningKey.generate()
    /// The key typed codes are stored under in the tests (the server of `ServerHarness` has it too).
    public static let codeKey = InvitationCodeKey(secret: Data("pingyi-test-code-secret-0123456789abcdef".utf8))!

    /// Creates, opens and issues invitations for a campaign of `kind`; returns it with the tokens.
    public func openCampaign(_ kind: CampaignKind, year: Int = 2026) async throws -> (Campaign, [IssuedInvitation]) {
        let created = try await campaign(kind, year: year)
        let issued = try await InvitationStore(pool: pool).issue(campaignID: created.id, codeKey: CountyFixture.codeKey, actor: "test").issued
        let opened = try await CampaignStore(pool: pool).transition(id: created.id, to: .open, actor: "test", key: Self.ballotKey)
        return (opened, issued)
    }

    /// Creates, issues and opens a campaign of `kind` for the joint count, with three trustees any
    /// two of whom can count; returns it with the tokens and each trustee's share.
    public func openJointCampaign(_ kind: CampaignKind, year: Int = 2026) async throws -> (Campaign, [IssuedInvitation], [TrusteeShare]) {
        let created = try await campaign(kind, year: year)
        let issued = try await InvitationStore(pool: pool).issue(campaignID: created.id, codeKey: CountyFixture.codeKey, actor: "test").issued
        let store = CampaignStore(pool: pool)
        let prepared = try await store.prepareJointCount(id: created.id, trustees: Self.trustees, quorum: 2)
        let opened = try await store.openJointly(id: created.id, ceremony: prepared, actor: "test")
        return (opened, issued, prepared.shares)
    }

    /// The trustees of the tests' joint campaigns.
    public static let trustees = ["县营商办", "县纪委监委", "县委组织部"]

    /// A count of rows.
    public func count(_ query: Query) throws -> Int {
        try database.connect().query(query)[0].decode(at: 0)
    }
}
