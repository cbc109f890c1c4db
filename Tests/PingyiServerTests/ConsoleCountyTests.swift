import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiStore
import PingyiTestSupport
import PingyiWorkflows
import Testing

/// 本县信息: the office sets the county's identity once in the console, and it is on what
/// respondents see (the invalid-link page, the footer), the letters and the SMS.
@Suite("County identity")
struct ConsoleCountyTests {
    @Test("unset, the console asks for it; a bad phone is refused with nothing stored; saved, the invalid-link page gives the 咨询电话")
    func setOnce() async throws {
        try await ConsolePagesTests.withOffice { office in
            let fixture = office.server.fixture
            let years = try await office.get("/console/years", as: .admin)
            #expect(years.text.contains("id=\"county-unset\""))
            #expect(try await office.get("/console/county", as: .orgdept).status == .forbidden)
            #expect(try await office.get("/console/county", as: .hr).status == .forbidden)
            let form = try await office.get("/console/county", as: .admin)
            #expect(form.status == .ok && form.text.contains("咨询电话"))

            let fields = [
                ("countyName", "清河县"), ("officeName", "清河县优化营商环境建设办公室"), ("officeShortName", "县营商办"),
                ("consultPhone", "0315-5550100"), ("supervisePhone", "0315-5550199"), ("seal", "清河县优化营商环境建设办公室"),
            ]
            let badPhone = try await office.post("/console/county", fields.map { $0.0 == "consultPhone" ? ($0.0, "请拨12345") : $0 }, as: .admin)
            #expect(badPhone.status == .unprocessableContent && badPhone.text.contains("「咨询电话」应为至少 7 位数字的电话号码") && badPhone.text.contains("请拨12345"))
            let tooShort = try await office.post("/console/county", fields.map { $0.0 == "supervisePhone" ? ($0.0, "1") : $0 }, as: .admin)
            #expect(tooShort.status == .unprocessableContent && tooShort.text.contains("至少 7 位数字"))
            let tooLong = try await office.post("/console/county", fields.map { $0.0 == "officeShortName" ? ($0.0, "清河县营商环境办") : $0 }, as: .admin)
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains("最多 6 个字"))
            // Format characters (a right-to-left override would reverse the phone after it) and
            // combining marks that make one letter a thousand SMS characters.
            let bidi = try await office.post("/console/county", fields.map { $0.0 == "countyName" ? ($0.0, "清河县\u{202E}") : $0 }, as: .admin)
            #expect(bidi.status == .unprocessableContent && bidi.text.contains("不可见的控制字符"))
            let marks = "县" + String(repeating: "\u{0301}", count: 2000) + "营商办"
            #expect(
                try await office.post("/console/county", fields.map { $0.0 == "officeShortName" ? ($0.0, marks) : $0 }, as: .admin).status
                    == .unprocessableContent)
            // A short name that would push every SMS over 70 characters with this server's address.
            let long = try await office.post("/console/county", fields.map { $0.0 == "officeShortName" ? ($0.0, "一二三四五六") : $0 }, as: .admin)
            #expect(long.status == .unprocessableContent && long.text.contains("会超过 70 字"))
            #expect(try fixture.count("SELECT count(*) FROM county_identity") == 0)
            #expect(try await office.post("/console/county", fields, as: .hr).status == .forbidden)

            let saved = try await office.post("/console/county", fields, as: .admin)
            #expect(saved.status == .seeOther)
            #expect(try fixture.count("SELECT count(*) FROM county_identity WHERE consult_phone = '0315-5550100'") == 1)
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action = 'county.identity' AND actor = 'staff:admin1'") == 1)
            let after = try await office.get("/console/county?saved", as: .admin)
            #expect(after.text.contains("已保存") && !after.text.contains("id=\"county-unset\""))
            // The console's headings name the county now: the office's and the 组织部's.
            #expect(after.text.contains("<span class=\"brand\">清河县营商办控制台</span>"))
            #expect(try await office.get("/console/ranking", as: .orgdept).text.contains("清河县组织部 · 股室长评议结果"))

            // What a respondent with a broken link sees: whom to call.
            let invalid = try await office.server.get("/s/AAAAAAAAAAAAAAAAAAAAAA")
            #expect(invalid.text.contains("咨询电话") && invalid.text.contains("0315-5550100") && invalid.text.contains("清河县优化营商环境建设办公室"))
        }
    }

    @Test("letters open with 尊敬的, carry the deadline, the phone, the 落款 and the date; the SMS is signed with the short name")
    func lettersAndSMS() throws {
        let identity = CountyIdentity(
            countyName: "清河县", officeName: "清河县优化营商环境建设办公室", officeShortName: "清河营商办", consultPhone: "0315-5550100",
            supervisePhone: "0315-5550199", seal: "清河县优化营商环境建设办公室")
        let template = try SurveyTemplate.parse(
            try String(contentsOf: CountyFixture.repository.appendingPathComponent("SurveyTemplates/merchant-review.yaml"), encoding: .utf8),
            file: "merchant-review.yaml")
        let closes = Date(timeIntervalSince1970: 1_798_732_800)  // 2027-01-01 00:00 CST
        let campaign = Campaign(
            id: 7, year: 2026, kind: .merchantReview, state: .open, template: template, templateSHA256: "", opensAt: nil, closesAt: closes)
        let token = InvitationToken.random()
        let row = LinksFile.Row(
            key: "91130000MA00000001", name: "清河县宏达商贸有限公司", phone: "13800000000", link: "https://pingyi.example/s/\(token.text)", token: token)
        let html = try LetterWorkflow.letters(
            [row], campaign: campaign, codes: [], identity: identity, today: CivilDate(year: 2026, month: 12, day: 4)!)
        #expect(html.contains("尊敬的清河县宏达商贸有限公司："))
        #expect(html.contains("清河县2026年度客商评议股室长评议活动，填写问卷"))
        #expect(html.contains("请于 2027年1月1日 0:00 前提交"))
        #expect(html.contains("咨询电话 0315-5550100") && html.contains("监督电话 0315-5550199"))
        #expect(html.contains("<p class=\"seal\">清河县优化营商环境建设办公室</p>") && html.contains("2026年12月4日"))
        #expect(!html.contains("任何人（包括我办和数据库管理员）"))
        let sms = String(decoding: try LetterWorkflow.sms([row], campaign: campaign, identity: identity).csv, as: UTF8.self)
        #expect(sms.contains("【清河营商办】诚邀您匿名评议股室长"))
    }
}
