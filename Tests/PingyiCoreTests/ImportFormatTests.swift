import Foundation
import PingyiCore
import Testing

@Suite("Import formats")
struct ImportFormatTests {
    private func parse<Format: ImportFormat>(_ format: Format.Type, _ text: String) -> ImportParse<Format.Row> {
        Format.parse(Data(text.utf8), file: "t.csv")
    }

    @Test("a roster with Chinese headers becomes departments, sections and chiefs")
    func rosterChinese() throws {
        let result = parse(
            RosterFormat.self,
            """
            部门代码,部门名称,股室,工号,姓名,职务,任职日期,在职
            SCJG,县市场监督管理局,登记注册股,G0101,王芳,股长,2019/3/1,是
            SCJG,县市场监督管理局,登记注册股,G0102,李强,副股长,,否
            """)
        #expect(result.issues.isEmpty)
        let rows = try result.validRows()
        #expect(rows.map(\.line) == [2, 3])
        #expect(
            rows[0].value.chief
                == Chief(
                    employeeNumber: "G0101", name: "王芳", section: Section(departmentCode: "SCJG", name: "登记注册股"),
                    position: "股长", active: true, startDate: CivilDate(year: 2019, month: 3, day: 1)))
        #expect(rows[1].value.chief.active == false)
        #expect(rows[1].value.chief.startDate == nil)
    }

    @Test("English headers in any case and optional columns left out are accepted")
    func englishHeaders() throws {
        let result = parse(MerchantFormat.self, "Credit_Code,NAME\n914403001922038216,华为技术有限公司\n")
        #expect(try result.validRows().first?.value == Merchant(creditCode: try CreditCode(validating: "914403001922038216"), name: "华为技术有限公司"))
    }

    @Test("every bad row is reported with its line and column, all in one go")
    func everyIssueReported() {
        let result = parse(
            MerchantFormat.self,
            """
            统一社会信用代码,企业名称,联系电话
            914403001922038217,甲公司,13800000000
            91110108551385082Q,,138
            91110108551385082Q,乙公司,
            91110000802100433B,丙公司,13900000000,多余
            """)
        #expect(
            result.issues.map(\.description) == [
                "t.csv:2: 统一社会信用代码: 「914403001922038217」校验位错误：第 18 位应为「6」，实际为「7」",
                "t.csv:3: 企业名称: 不能为空",
                "t.csv:3: 联系电话: 「138」不是有效电话号码",
                "t.csv:5: 本行有 4 列，表头有 3 列",
            ])
        #expect(throws: InvalidFile.self) { try result.validRows() }
    }

    @Test("a repeated key is reported at its second line, naming the first")
    func duplicateKey() {
        let result = parse(SupervisorFormat.self, "编号,姓名,类别\nJD001,薛敏,人大代表\nJD002,周云,政协委员\nJD001,王五,企业代表\n")
        #expect(result.issues.map(\.description) == ["t.csv:4: 编号: 「JD001」与第 2 行重复"])
        #expect(result.rows.count == 2)
    }

    @Test("missing, unknown and repeated columns are reported on the header line")
    func headerProblems() {
        let missing = parse(DealingFormat.self, "统一社会信用代码,年度\n914403001922038216,2026\n")
        #expect(missing.issues.map(\.description) == ["t.csv:1: 部门代码: 缺少必需的列"])
        let unknown = parse(DealingFormat.self, "统一社会信用代码,年度,部门代码,备注\n")
        #expect(unknown.issues.count == 1)
        #expect(unknown.issues[0].description.hasPrefix("t.csv:1: 备注: 未知的列"))
        let repeated = parse(DealingFormat.self, "统一社会信用代码,年度,部门代码,year\n")
        #expect(repeated.issues.map(\.description) == ["t.csv:1: year: 列重复"])
    }

    @Test("field rules: years, categories, codes, flags, dates, control characters")
    func fieldRules() {
        let dealings = parse(DealingFormat.self, "统一社会信用代码,年度,部门代码\n914403001922038216,26,SCJG\n914403001922038216,2026,市场局\n")
        #expect(dealings.issues.map(\.column) == ["年度", "部门代码"])
        let supervisors = parse(SupervisorFormat.self, "编号,姓名,类别,在职\nJD1,甲,县长,也许\nJD2,乙\u{7},其他,是\n")
        #expect(
            supervisors.issues.map(\.description) == [
                "t.csv:2: 类别: 「县长」不是有效类别（人大代表、政协委员、企业代表、其他）",
                "t.csv:2: 在职: 「也许」应为 是 或 否",
                "t.csv:3: 姓名: 含有控制字符",
            ])
        let roster = parse(RosterFormat.self, "部门代码,部门名称,股室,工号,姓名,职务,任职日期\nA,甲局,一股,1,张三,股长,2019-02-30\n")
        #expect(roster.issues.map(\.description) == ["t.csv:2: 任职日期: 「2019-02-30」不是有效日期（格式 2019-03-01）"])
        // Codes typed in small letters are the same codes: one department, one chief.
        let typed = parse(DealingFormat.self, "统一社会信用代码,年度,部门代码\n914403001922038216,2026,scjg\n")
        #expect(typed.issues.isEmpty && typed.rows.map(\.value.departmentCode) == ["SCJG"])
    }

    @Test("a department code must keep one name within a roster file, and a name one code")
    func rosterCrossCheck() {
        let result = parse(
            RosterFormat.self,
            """
            部门代码,部门名称,股室,工号,姓名,职务
            A,甲局,一股,1,张三,股长
            A,乙局,二股,2,李四,股长
            B,甲局,三股,3,王五,股长
            """)
        #expect(result.issues.map(\.line) == [3, 4])
        #expect(result.issues[0].message.contains("部门代码 A 在第 2 行的名称是「甲局」"))
        #expect(result.issues[1].message.contains("部门「甲局」在第 2 行的代码是 A"))
    }

    @Test("a department code with two names is reported in the same pass as the rows' other problems")
    func rosterCrossCheckWithOtherErrors() {
        // Line 3 has a bad 工号 as well as a second name for A; line 4 lacks its 职务.
        let result = parse(
            RosterFormat.self,
            """
            部门代码,部门名称,股室,工号,姓名,职务
            A,甲局,一股,1,张三,股长
            A,乙局,二股,工号 2,李四,股长
            B,丙局,三股,3,王五,
            """)
        #expect(result.issues.map(\.line) == [3, 3, 4])
        #expect(result.issues.map(\.column) == ["工号", "部门名称", "职务"])
        #expect(result.issues[1].message.contains("部门代码 A 在第 2 行的名称是「甲局」，此处为「乙局」"))
    }

    @Test("the demo county's files parse without a single issue")
    func demoFilesAreClean() throws {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("demo")
        func data(_ name: String) throws -> Data { try Data(contentsOf: demo.appendingPathComponent(name)) }
        #expect(try RosterFormat.parse(data("roster.csv"), file: "roster.csv").validRows().count >= 60)
        #expect(try MerchantFormat.parse(data("merchants.csv"), file: "merchants.csv").validRows().count >= 400)
        #expect(try DealingFormat.parse(data("dealings.csv"), file: "dealings.csv").validRows().count >= 400)
        #expect(try SupervisorFormat.parse(data("supervisors.csv"), file: "supervisors.csv").validRows().count == 33)
    }
}
