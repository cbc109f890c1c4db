import Foundation
import PingyiCore
import PingyiWorkflows
import PropertyBased
import Testing

/// The parsers of files people upload, fed generated files: pieces of real headers and rows
/// (short rows, long rows, quotes, BOMs, line ends, links to other hosts) and raw bytes. Each
/// must answer or refuse — never crash the process (a short row once killed the server at
/// `LinksFile.swift:62`) — and a links file's links always lead to the configured host.
/// A fixed number of cases per parser, so that `make test` stays bounded.
@Suite("Upload parsers under generated input")
struct ParserFuzzTests {
    static let publicURL = "https://pingyi.example.gov.cn"

    /// Pieces a generated file is made of.
    static let pieces: [String] = [
        "统一社会信用代码,企业名称,联系电话,评议链接\n", "编号,姓名,联系电话,评议链接\n", "部门代码,部门名称,股室,工号,姓名,职务\n",
        "统一社会信用代码,企业名称\n", "统一社会信用代码,年度,部门代码\n", "编号,姓名,类别,在职\n", "部门代码,组织领导,工作宣传,任务落实,工作亮点\n",
        "914403001922038216", "91110108551385082Q", "华为技术有限公司", "13800000000", "SCJG", "2026", "第一股", "G0101", "股长",
        "https://evil.example/s/", "http://127.0.0.1:8080/r/", "jWTxQVLqpFLJ5ZHPkLgKeQ", "AAAAAAAAAAAAAAAAAAAAAA",
        ",", ",", ",", "\n", "\n", "\r\n", "\r", "\"", "\"\"", "\u{FEFF}", " ", "\t", "=1+1", "是", "否", "人大代表", "-1", "1e309", "",
        "\u{0}", "名称", "链接", String(repeating: "长", count: 300),
    ]

    static let files = Gen.element(of: pieces).array(of: 0...60).map { Data($0.compactMap { $0 }.joined().utf8) }
    static let bytes = Gen.uint8().array(of: 0...300).map { Data($0) }

    @Test("links files: any content is read or refused, and every link read points at the configured host")
    func linksFiles() async {
        await propertyCheck(count: 400, input: Self.files) { data in Self.checkLinks(data) }
        await propertyCheck(count: 200, input: Self.bytes) { data in Self.checkLinks(data) }
    }

    static func checkLinks(_ data: Data) {
        for kind in CampaignKind.allCases {
            guard let file = try? LinksFile.parse(data, file: "fuzz.csv", kind: kind, publicURL: publicURL) else { continue }
            for row in file.rows {
                #expect(row.link == publicURL + kind.linkPrefix + row.token.text)
            }
        }
    }

    @Test("import files (roster, merchants, dealings, supervisors, assessment, problems) and calendars: read or refused by line, never a crash")
    func importFiles() async {
        await propertyCheck(count: 300, input: Self.files) { data in Self.parseAll(data) }
        await propertyCheck(count: 150, input: Self.bytes) { data in Self.parseAll(data) }
    }

    static func parseAll(_ data: Data) {
        _ = RosterFormat.parse(data, file: "fuzz.csv")
        _ = MerchantFormat.parse(data, file: "fuzz.csv")
        _ = DealingFormat.parse(data, file: "fuzz.csv")
        _ = SupervisorFormat.parse(data, file: "fuzz.csv")
        _ = AssessmentFormat.parse(data, file: "fuzz.csv")
        _ = ProblemFormat.parse(data, file: "fuzz.csv")
        _ = try? WorkingCalendar.parse(String(decoding: data, as: UTF8.self), file: "fuzz.yaml")
    }

    @Test("the short row that killed the server: read as far as it goes, and a link to another host is rebuilt")
    func shortRow() throws {
        let text = "统一社会信用代码,企业名称,联系电话,评议链接\n914403001922038216,华为,138,https://evil.example/s/jWTxQVLqpFLJ5ZHPkLgKeQ\n"
        let file = try LinksFile.parse(Data(text.utf8), file: "a.csv", kind: .merchantReview, publicURL: Self.publicURL)
        #expect(file.rows.first?.link == "https://pingyi.example.gov.cn/s/jWTxQVLqpFLJ5ZHPkLgKeQ")
        // The link column before the name column, and a row that stops after the link.
        let short = "评议链接,企业名称\nhttps://x/s/jWTxQVLqpFLJ5ZHPkLgKeQ\n"
        let read = try LinksFile.parse(Data(short.utf8), file: "b.csv", kind: .merchantReview, publicURL: Self.publicURL)
        #expect(read.rows.first?.name == "")
    }
}
