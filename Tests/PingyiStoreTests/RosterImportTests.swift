import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Roster imports")
struct RosterImportTests {
    static let roster = """
        部门代码,部门名称,股室,工号,姓名,职务,任职日期
        SCJG,县市场监督管理局,登记注册股,G0101,王芳,股长,2019-03-01
        SCJG,县市场监督管理局,食品安全监管股,G0102,李强,股长,
        XZSP,县行政审批服务局,综合受理股,G0201,赵敏,股长,2020-07-15
        """
    static let merchants = """
        统一社会信用代码,企业名称,行业,联系人,联系电话
        914403001922038216,华为技术有限公司,制造业,张三,0755-28780808
        91110108551385082Q,"小米科技有限责任公司, 北京",信息技术,,
        """

    private func count(_ table: String, _ database: TestDatabase) throws -> Int {
        try database.connect().query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode("n")
    }

    private func withStore(_ body: (RosterStore, TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { database in
            let pool = database.makePool(maxConnections: 2)
            do {
                try await body(RosterStore(pool: pool), database)
                await pool.shutdown()
            } catch {
                await pool.shutdown()
                throw error
            }
        }
    }

    @Test("importing a roster inserts, re-importing changes nothing, an edit updates one row")
    func rosterIdempotent() async throws {
        try await withStore { store, database in
            let first = try await store.importRoster(RosterFormat.parse(Data(Self.roster.utf8), file: "r.csv"), actor: "test")
            #expect(
                first.counts == [
                    ImportCount(entity: "部门", inserted: 2, updated: 0, unchanged: 0),
                    ImportCount(entity: "股室", inserted: 3, updated: 0, unchanged: 0),
                    ImportCount(entity: "股室长", inserted: 3, updated: 0, unchanged: 0),
                ])
            let again = try await store.importRoster(RosterFormat.parse(Data(Self.roster.utf8), file: "r.csv"), actor: "test")
            #expect(again.counts.map(\.unchanged) == [2, 3, 3])
            #expect(again.counts.map(\.inserted) == [0, 0, 0])
            let edited = Self.roster.replacingOccurrences(of: "李强,股长,", with: "李强,副股长,2021-01-01")
            let third = try await store.importRoster(RosterFormat.parse(Data(edited.utf8), file: "r.csv"), actor: "test")
            #expect(third.count(of: "股室长") == ImportCount(entity: "股室长", inserted: 0, updated: 1, unchanged: 2))
            let row = try database.connect().query(
                "SELECT position, start_date::text AS start FROM chiefs WHERE employee_number = 'G0102'")[0]
            #expect(try row.decode("position", as: String.self) == "副股长")
            #expect(try row.decode("start", as: String.self) == "2021-01-01")
            #expect(try count("audit_log", database) == 3)
        }
    }

    @Test("merchants keep quoted commas and optional fields; re-import is unchanged")
    func merchants() async throws {
        try await withStore { store, database in
            let summary = try await store.importMerchants(MerchantFormat.parse(Data(Self.merchants.utf8), file: "m.csv"), actor: "test")
            #expect(summary.counts == [ImportCount(entity: "企业", inserted: 2, updated: 0, unchanged: 0)])
            let row = try database.connect().query(
                "SELECT name, contact_person FROM merchants WHERE credit_code = '91110108551385082Q'")[0]
            #expect(try row.decode("name", as: String.self) == "小米科技有限责任公司, 北京")
            #expect(try row.decode("contact_person", as: String?.self) == nil)
            let again = try await store.importMerchants(MerchantFormat.parse(Data(Self.merchants.utf8), file: "m.csv"), actor: "test")
            #expect(again.counts == [ImportCount(entity: "企业", inserted: 0, updated: 0, unchanged: 2)])
            // A list without the contacts (another office's) keeps the stored ones; a new value replaces them.
            let bare = "统一社会信用代码,企业名称,行业,联系人,联系电话\n914403001922038216,华为技术有限公司,,,\n"
            let kept = try await store.importMerchants(MerchantFormat.parse(Data(bare.utf8), file: "m.csv"), actor: "test")
            #expect(kept.counts == [ImportCount(entity: "企业", inserted: 0, updated: 0, unchanged: 1)])
            let stored = try database.connect().query(
                "SELECT industry, contact_person, contact_phone FROM merchants WHERE credit_code = '914403001922038216'")[0]
            #expect(try stored.decode("industry", as: String?.self) == "制造业")
            #expect(try stored.decode("contact_person", as: String?.self) == "张三")
            #expect(try stored.decode("contact_phone", as: String?.self) == "0755-28780808")
            let moved = bare.replacingOccurrences(of: "华为技术有限公司,,,", with: "华为技术有限公司,,李四,")
            let changed = try await store.importMerchants(MerchantFormat.parse(Data(moved.utf8), file: "m.csv"), actor: "test")
            #expect(changed.counts == [ImportCount(entity: "企业", inserted: 0, updated: 1, unchanged: 0)])
            #expect(try count("merchants", database) == 2)
        }
    }

    @Test("a bad credit code anywhere means no merchant is written")
    func badCreditCodeWritesNothing() async throws {
        try await withStore { store, database in
            let text = Self.merchants + "\n914403001922038217,坏代码公司,,,\n"
            let failure = await #expect(throws: InvalidFile.self) {
                try await store.importMerchants(MerchantFormat.parse(Data(text.utf8), file: "m.csv"), actor: "test")
            }
            #expect(
                failure?.issues.map(\.description) == [
                    "m.csv:4: 统一社会信用代码: 「914403001922038217」校验位错误：第 18 位应为「6」，实际为「7」"
                ])
            let merchantCount = try count("merchants", database)
            let auditCount = try count("audit_log", database)
            #expect(merchantCount == 0)
            #expect(auditCount == 0)
        }
    }

    @Test("a missing column, a duplicate key or invalid UTF-8 is refused and nothing is written")
    func refusedFilesWriteNothing() async throws {
        try await withStore { store, database in
            let missingColumn = "部门代码,部门名称,股室,工号,姓名\nA,甲局,一股,1,张三\n"
            let missing = await #expect(throws: InvalidFile.self) {
                try await store.importRoster(RosterFormat.parse(Data(missingColumn.utf8), file: "r.csv"), actor: "test")
            }
            #expect(missing?.issues.map(\.description) == ["r.csv:1: 职务: 缺少必需的列"])

            let duplicate = Self.roster + "\nXZSP,县行政审批服务局,政务服务股,G0101,钱七,股长,\n"
            let repeated = await #expect(throws: InvalidFile.self) {
                try await store.importRoster(RosterFormat.parse(Data(duplicate.utf8), file: "r.csv"), actor: "test")
            }
            #expect(repeated?.issues.map(\.description) == ["r.csv:5: 工号: 「G0101」与第 2 行重复"])

            var bytes = Array("编号,姓名,类别\nJD001,".utf8) + [0xB2, 0xE2] + Array(",人大代表\n".utf8)  // GBK bytes
            bytes += Array("JD002,周云,政协委员\n".utf8)
            let encoding = await #expect(throws: InvalidFile.self) {
                try await store.importSupervisors(SupervisorFormat.parse(Data(bytes), file: "s.csv"), actor: "test")
            }
            #expect(encoding?.issues.map(\.line) == [2])
            for table in ["departments", "sections", "chiefs", "supervisors", "audit_log"] {
                let rows = try count(table, database)
                #expect(rows == 0, "\(table) must stay empty")
            }
        }
    }

    @Test("dealings with an unknown department or merchant are reported by line and nothing is written")
    func unknownDepartment() async throws {
        try await withStore { store, database in
            _ = try await store.importRoster(RosterFormat.parse(Data(Self.roster.utf8), file: "r.csv"), actor: "test")
            _ = try await store.importMerchants(MerchantFormat.parse(Data(Self.merchants.utf8), file: "m.csv"), actor: "test")
            let dealings = """
                统一社会信用代码,年度,部门代码
                914403001922038216,2026,SCJG
                914403001922038216,2026,ZRZY
                91110000802100433B,2026,XZSP
                """
            let failure = await #expect(throws: InvalidFile.self) {
                try await store.importDealings(DealingFormat.parse(Data(dealings.utf8), file: "d.csv"), actor: "test")
            }
            #expect(
                failure?.issues.map(\.description) == [
                    "d.csv:3: 部门代码: 未知部门「ZRZY」（请先导入股室长名册）",
                    "d.csv:4: 统一社会信用代码: 未知企业「91110000802100433B」（请先导入企业名单）",
                ])
            #expect(try count("merchant_dealings", database) == 0)
            let good = "统一社会信用代码,年度,部门代码\n914403001922038216,2026,SCJG\n914403001922038216,2025,SCJG\n"
            let summary = try await store.importDealings(DealingFormat.parse(Data(good.utf8), file: "d.csv"), actor: "test")
            #expect(summary.counts == [ImportCount(entity: "办事记录", inserted: 2, updated: 0, unchanged: 0)])
            let again = try await store.importDealings(DealingFormat.parse(Data(good.utf8), file: "d.csv"), actor: "test")
            #expect(again.counts == [ImportCount(entity: "办事记录", inserted: 0, updated: 0, unchanged: 2)])
        }
    }

    @Test("a department name already used by another code is refused")
    func departmentNameTaken() async throws {
        try await withStore { store, database in
            _ = try await store.importRoster(RosterFormat.parse(Data(Self.roster.utf8), file: "r.csv"), actor: "test")
            let clash = "部门代码,部门名称,股室,工号,姓名,职务\nSCJG2,县市场监督管理局,稽查股,G0901,孙八,股长\n"
            let failure = await #expect(throws: InvalidFile.self) {
                try await store.importRoster(RosterFormat.parse(Data(clash.utf8), file: "r2.csv"), actor: "test")
            }
            #expect(failure?.issues.map(\.description) == ["r2.csv:2: 部门名称: 「县市场监督管理局」已是部门 SCJG 的名称"])
            #expect(try count("chiefs", database) == 3)
            // With a bad row besides: both problems in one pass, by line, and still nothing written.
            let both = clash + "SCJG3,县某局,某股,G0902,,股长\n"
            let together = await #expect(throws: InvalidFile.self) {
                try await store.importRoster(RosterFormat.parse(Data(both.utf8), file: "r3.csv"), actor: "test")
            }
            #expect(together?.issues.map(\.line) == [2, 3])
            #expect(together?.issues.first?.message.contains("已是部门 SCJG 的名称") == true)
            // Dealings: a field error and an unknown department, reported together.
            _ = try await store.importMerchants(MerchantFormat.parse(Data(Self.merchants.utf8), file: "m.csv"), actor: "test")
            let dealings = "统一社会信用代码,年度,部门代码\n914403001922038216,1800,SCJG\n914403001922038216,2026,NOPE\n"
            let dealt = await #expect(throws: InvalidFile.self) {
                try await store.importDealings(DealingFormat.parse(Data(dealings.utf8), file: "d.csv"), actor: "test")
            }
            #expect(dealt?.issues.map(\.line) == [2, 3])
            #expect(dealt?.issues.last?.message.contains("未知部门「NOPE」") == true)
            #expect(try count("chiefs", database) == 3 && count("departments", database) == 2)
        }
    }

    @Test("the demo county loads through the import path")
    func demoCounty() async throws {
        try await withStore { store, _ in
            let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("demo")
            func data(_ name: String) throws -> Data { try Data(contentsOf: demo.appendingPathComponent(name)) }
            _ = try await store.importRoster(RosterFormat.parse(try data("roster.csv"), file: "roster.csv"), actor: "test")
            _ = try await store.importMerchants(MerchantFormat.parse(try data("merchants.csv"), file: "merchants.csv"), actor: "test")
            _ = try await store.importDealings(DealingFormat.parse(try data("dealings.csv"), file: "dealings.csv"), actor: "test")
            _ = try await store.importSupervisors(SupervisorFormat.parse(try data("supervisors.csv"), file: "supervisors.csv"), actor: "test")
            let summary = try await store.countySummary()
            #expect(summary.departments.count >= 15)
            #expect(summary.sectionCount >= 60)
            #expect(summary.chiefCount >= 60)
            #expect(summary.merchants >= 400)
            #expect(summary.supervisorCount == 33)
            #expect(Set(summary.supervisorsByCategory.keys).isSuperset(of: [.congressDeputy, .cppccMember, .enterpriseRepresentative]))
            #expect(summary.dealingsByYear.keys.sorted() == [2024, 2025, 2026])
        }
    }

    @Test("what a database holds beyond a county's keys (pingyi demo refuses such a database)")
    func foreignKeys() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = RosterStore(pool: fixture.pool)
            #expect(
                try await store.foreignKeys(
                    departments: ["SCJG", "XZSP", "SWJ"], merchants: ["914403001922038216", "91110108551385082Q", "91110000802100433B"],
                    supervisors: ["JD001", "JD002", "JD003"]) == [])
            let foreign = try await store.foreignKeys(departments: ["SCJG"], merchants: [], supervisors: ["JD001", "JD002", "JD003"])
            #expect(foreign == ["部门 2 个", "企业 3 个"])
        }
    }

    @Test("a dry run reports what an import would do, with the database's own checks, and writes nothing")
    func dryRun() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = RosterStore(pool: fixture.pool)
            let audit = try fixture.count("SELECT count(*) FROM audit_log")
            let more = CountyFixture.merchants + "\n91110108717743469K,百度在线网络技术（北京）有限公司,,"
            let summary = try await store.importMerchants(MerchantFormat.parse(Data(more.utf8), file: "m.csv"), actor: "test", dryRun: true)
            #expect(summary.counts.first?.inserted == 1 && summary.counts.first?.unchanged == 3)
            #expect(try fixture.count("SELECT count(*) FROM merchants") == 3)
            #expect(try fixture.count("SELECT count(*) FROM audit_log") == audit)
            // The database's checks still speak: dealings with a department that does not exist.
            let bad = "统一社会信用代码,年度,部门代码\n914403001922038216,2026,NOPE"
            await #expect(throws: (any Error).self) {
                try await store.importDealings(DealingFormat.parse(Data(bad.utf8), file: "d.csv"), actor: "test", dryRun: true)
            }
            let real = try await store.importMerchants(MerchantFormat.parse(Data(more.utf8), file: "m.csv"), actor: "test")
            #expect(real == summary)
            #expect(try fixture.count("SELECT count(*) FROM merchants") == 4)
        }
    }
}
