import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiStore
import PingyiTestSupport
import Testing

@testable import PingyiServer

/// Merchants' words for 整改: a chief's comments on their page (withheld below the policy's
/// `commentsMinBallots`), and the year's 其他意见建议 on a page of their own, shuffled and
/// unattributed, with its table to download.
@Suite("Merchants' words in the console")
struct ConsoleSuggestionsTests {
    @Test("其他意见建议: listed for the office and the 组织部, not HR; a chief with too few votes shows no comments")
    func suggestions() async throws {
        try await ConsolePagesTests.withOffice { office in
            let connection = try office.server.fixture.database.connect()
            try connection.query(
                """
                INSERT INTO text_answers (campaign_id, target, question, body)
                SELECT id, NULL, 'general_comment', '希望<b>简化</b>流程' FROM campaigns WHERE year = 2026 AND kind = 'merchantReview'
                """)
            try connection.query(
                """
                INSERT INTO text_answers (campaign_id, target, question, body)
                SELECT id, 'G0102', 'comment', '窗口办事要跑三趟' FROM campaigns WHERE year = 2026 AND kind = 'merchantReview'
                """)
            let page = try await office.get("/console/suggestions?year=2026", as: .orgdept)
            #expect(page.status == .ok && page.text.contains("希望&lt;b&gt;简化&lt;/b&gt;流程") && page.text.contains("共 1 条"))
            #expect(try await office.get("/console/suggestions?year=2026", as: .hr).status == .forbidden)
            #expect(try await office.get("/console/suggestions?year=1999", as: .admin).status == .notFound)
            let csv = try await office.get("/console/suggestions.csv?year=2026", as: .admin)
            #expect(csv.status == .ok && csv.text.contains("希望<b>简化</b>流程"))
            #expect(try await office.get("/console/suggestions.xlsx?year=2026", as: .admin).status == .ok)

            // G0102 has one valid vote, fewer than the policy asks before comments are shown.
            let chief = try await office.get("/console/chiefs/G0102", as: .orgdept)
            #expect(chief.text.contains("评议企业的意见") && chief.text.contains("为保护评议企业，不显示意见"))
            #expect(!chief.text.contains("窗口办事要跑三趟"))
        }
    }

    @Test("a chief's page lists the comments when there are enough votes, escaped")
    func chiefComments() async throws {
        let base =
            #"{"employeeNumber":"G1","name":"王芳","departmentCode":"A","departmentName":"县市场监督管理局","section":"一股","position":"股长","n":9,"counts":{},"unsatisfied":0,"ownAssessment":false,"components":[],"insufficientData":false,"bottom":false,"flags":[]}"#
        let score = try JSONDecoder().decode(ChiefScore.self, from: Data(base.utf8))
        let member = StaffMember(id: 1, login: "o", name: "组织部", role: .orgdept, mustChangePassword: false)
        let page = ConsoleChiefPage(
            member: ConsoleMemberView(member, csrf: "x"), employeeNumber: "G1", results: [(2026, true, score)],
            comments: (2026, ["态度好", "<script>x</script>"], 5))
        let html = try await Views.load().html("console-chief", page)
        #expect(html.contains("<li>态度好</li>") && html.contains("&lt;script&gt;x&lt;/script&gt;") && html.contains("共 2 条"))
    }
}
