import Foundation
import PingyiCore
import PingyiTestSupport
import PingyiWorkflows
import Testing

@Suite("Letters")
struct LetterWorkflowTests {
    static let identity = CountyIdentity(
        countyName: "清河县", officeName: "清河县优化营商环境建设办公室", officeShortName: "县营商办", consultPhone: "0315-5550100",
        supervisePhone: "", seal: "清河县优化营商环境建设办公室")

    static func campaign(_ kind: CampaignKind) throws -> Campaign {
        let template = try SurveyTemplate.parse(try CountyFixture.shipped(kind.defaultTemplateFile), file: kind.defaultTemplateFile)
        return Campaign(id: 7, year: 2026, kind: kind, state: .open, template: template, templateSHA256: "", opensAt: nil, closesAt: nil)
    }

    static func row(_ name: String, kind: CampaignKind = .merchantReview) -> LinksFile.Row {
        let token = InvitationToken.random()
        return LinksFile.Row(key: "K", name: name, phone: nil, link: "https://pingyi.example" + kind.linkPrefix + token.text, token: token)
    }

    @Test("a hostile name is escaped, one page per invitation in the file's order, each with its own QR code and link")
    func escapedPages() throws {
        let hostile = Self.row("<script>alert(\"x\")</script> & 'Co'")
        let plain = Self.row("宏达商贸")
        let html = try LetterWorkflow.letters(
            [hostile, plain], campaign: try Self.campaign(.merchantReview), codes: [], identity: Self.identity,
            today: CivilDate(year: 2026, month: 12, day: 4)!)
        #expect(!html.contains("<script>"))
        #expect(html.contains("尊敬的&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;："))
        #expect(html.components(separatedBy: "<section class=\"letter\">").count - 1 == 2)
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
        let first = try #require(html.range(of: hostile.link))
        let second = try #require(html.range(of: plain.link))
        #expect(first.lowerBound < second.lowerBound)
        #expect(html.contains("请在评议结束前提交。") && html.contains("咨询电话 0315-5550100。</p>") && !html.contains("监督电话"))
        #expect(html.contains("<h1>评议邀请函</h1>") && html.contains("<p class=\"date\">2026年12月4日</p>"))
        #expect(!html.contains("{{") && html.hasSuffix("</body></html>"))
    }

    @Test("a supervisor is 同志; a reminder says so; the typed code only where the database knows it")
    func starRatingReminder() throws {
        let known = Self.row("薛敏", kind: .starRating)
        let unknown = Self.row("周云", kind: .starRating)
        let code = InvitationCode(token: known.token)
        let html = try LetterWorkflow.letters(
            [known, unknown], campaign: try Self.campaign(.starRating), codes: [code.text], identity: .unset, reminder: true)
        #expect(html.contains("尊敬的薛敏同志：") && html.contains("<h1>评议提醒</h1>") && html.contains("您尚未提交本次评议。"))
        #expect(html.contains("特约监督员评星定级评议活动"))
        #expect(html.contains("<p class=\"code\">\(code.grouped)</p>"))
        #expect(!html.contains(InvitationCode(token: unknown.token).grouped))
        #expect(html.components(separatedBy: "并输入邀请码").count - 1 == 1)
    }

    @Test(
        "the promise says what holds: one key's keeper and a DBA together for a sealed campaign; no single office, and the tracking code, for the joint count"
    )
    func promises() throws {
        let sealed = try LetterWorkflow.letters([Self.row("宏达商贸")], campaign: try Self.campaign(.merchantReview), codes: [], identity: Self.identity)
        #expect(sealed.contains("只有数据库管理员与保管计票密钥的人串通") && !sealed.contains("追踪码"))
        var campaign = try Self.campaign(.merchantReview)
        campaign.jointTally = "0123"
        let joint = try LetterWorkflow.letters([Self.row("宏达商贸")], campaign: campaign, codes: [], identity: Self.identity)
        #expect(joint.contains("任何一家单位（包括我办）都不能单独查看任何一份答卷") && joint.contains("追踪码"))
        #expect(!joint.contains("串通"))
    }
}
