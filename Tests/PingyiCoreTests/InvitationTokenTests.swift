import Foundation
import PingyiCore
import Testing

@Suite("Invitation tokens and spreadsheet CSV")
struct InvitationTokenTests {
    @Test("tokens are 128 bits, 22 URL-safe characters, and read back from their text")
    func tokenFormat() throws {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let token = InvitationToken.random()
            #expect(token.bytes.count == 16)
            #expect(token.text.count == 22)
            #expect(token.text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            #expect(InvitationToken(text: token.text) == token)
            #expect(token.hash.count == 32)
            seen.insert(token.text)
        }
        #expect(seen.count == 1000)
    }

    @Test(
        "malformed token texts are refused",
        arguments: ["", "short", String(repeating: "A", count: 23), "AAAAAAAAAAAAAAAAAAAA+/", "AAAAAAAAAAAAAAAAAAAAA=", "' OR 1=1--AAAAAAAAAAAA"])
    func malformed(text: String) {
        #expect(InvitationToken(text: text) == nil)
    }

    @Test("a link joins the public URL, the kind's path and the token")
    func link() throws {
        let token = try #require(InvitationToken(text: "AAAAAAAAAAAAAAAAAAAAAA"))
        let invitation = IssuedInvitation(
            respondent: .supervisor(code: "JD001"), name: "薛敏", contactPerson: nil, phone: nil, departments: [], token: token)
        #expect(
            invitation.link(publicURL: "https://pingyi.example.gov.cn/", kind: .merchantReview)
                == "https://pingyi.example.gov.cn/s/AAAAAAAAAAAAAAAAAAAAAA")
        #expect(invitation.link(publicURL: "http://127.0.0.1:8080", kind: .starRating) == "http://127.0.0.1:8080/r/AAAAAAAAAAAAAAAAAAAAAA")
    }

    @Test("spreadsheet CSV: BOM, CRLF, quoting, formulas neutralised, and it reads back")
    func spreadsheetCSV() throws {
        let data = SpreadsheetCSV.make(header: ["名称", "备注"], rows: [["县\"甲\",公司", "=HYPERLINK(\"x\")"], ["乙", "-1+2"], ["丙", "@SUM"]])
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text == "名称,备注\r\n\"县\"\"甲\"\",公司\",\"'=HYPERLINK(\"\"x\"\")\"\r\n乙,'-1+2\r\n丙,'@SUM\r\n")
        let document = try CSVDocument.parse(data, file: "x.csv")
        #expect(document.records.map(\.fields) == [["县\"甲\",公司", "'=HYPERLINK(\"x\")"], ["乙", "'-1+2"], ["丙", "'@SUM"]])
    }
}

@Suite("Typed invitation codes")
struct InvitationCodeTests {
    @Test("12 characters without look-alikes, derived from the token, read as people type them")
    func codes() {
        let token = InvitationToken.random()
        let code = InvitationCode(token: token)
        #expect(code.text.count == 12 && code.text.allSatisfy(InvitationCode.alphabet.contains))
        #expect(!code.text.contains { "01ILO".contains($0) })
        #expect(InvitationCode.alphabet.count == 31)  // 31^12 ≈ 2^59.4: well above 50 bits
        #expect(InvitationCode(token: token) == code)  // the letter can be made from the links file alone
        #expect(code.grouped.count == 14 && code.grouped.split(separator: "-").count == 3)
        #expect(InvitationCode(typed: code.grouped.lowercased()) == code)
        #expect(InvitationCode(typed: " " + code.text.prefix(6) + " " + code.text.dropFirst(6)) == code)
        #expect(InvitationCode(typed: "ABCD-EFGH-JKM") == nil && InvitationCode(typed: "ABCD-EFGH-JKMO") == nil)
        // Stored under the server's key: another key, another value; a short secret is refused.
        let key = InvitationCodeKey(secret: Data(repeating: 7, count: 32))!
        #expect(key.mac(code).count == 32)
        #expect(key.mac(code) != InvitationCodeKey(secret: Data(repeating: 8, count: 32))!.mac(code))
        #expect(InvitationCodeKey(secret: Data(repeating: 7, count: 31)) == nil)
        // Different tokens, different codes (1,000 of them, no collision).
        #expect(Set((0..<1000).map { _ in InvitationCode(token: .random()).text }).count == 1000)
    }
}

@Suite("Campaign schedule")
struct CampaignScheduleTests {
    @Test("what the office reads about planned times, and what waits for its key")
    func notes() throws {
        let template = try SurveyTemplate.parse(
            try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("SurveyTemplates/merchant-review.yaml"), encoding: .utf8), file: "m.yaml")
        let opens = Date(timeIntervalSince1970: 1_798_329_600)  // 2026-12-27 00:00 UTC = 08:00 in the county
        let closes = opens.addingTimeInterval(7 * 86_400)
        func campaign(_ state: CampaignState, opens: Date? = opens, closes: Date? = closes) -> Campaign {
            Campaign(
                id: 1, year: 2026, kind: .merchantReview, state: state, template: template, templateSHA256: "", opensAt: opens, closesAt: closes)
        }
        let before = opens.addingTimeInterval(-3600)
        let during = opens.addingTimeInterval(3600)
        let after = closes.addingTimeInterval(3600)
        #expect(campaign(.draft).scheduleNote(at: before)?.contains("请在此之前开始活动") == true)
        #expect(campaign(.draft).scheduleNote(at: during)?.contains("尚未开始：须由营商办开始活动") == true)
        #expect(campaign(.open).scheduleNote(at: before) == "将于 2026年12月27日 8:00 开始接受提交，2027年1月3日 8:00 截止")
        #expect(campaign(.open).scheduleNote(at: during) == "将于 2027年1月3日 8:00 截止")
        #expect(campaign(.open).scheduleNote(at: after)?.contains("待营商办用计票私钥结束活动并计票") == true)
        var joint = campaign(.open)
        joint.jointTally = "0123"
        #expect(joint.scheduleNote(at: after)?.contains("由各保管单位提交密钥份额联合计票") == true)
        #expect(campaign(.open).acceptance(at: after) == .closed && campaign(.open).acceptance(at: before) == .notYetOpen(opensAt: opens))
        #expect(campaign(.open, opens: nil, closes: nil).scheduleNote(at: during) == nil)
        #expect(campaign(.closed).scheduleNote(at: after) == nil)
    }
}
