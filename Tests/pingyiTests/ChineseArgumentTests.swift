import ArgumentParser
import PingyiCore
import Testing

@testable import pingyi

/// The command line takes states and kinds by the Chinese names the pages show, and still the
/// stored English values of scripts written before.
@Suite("Chinese values on the command line")
struct ChineseArgumentTests {
    @Test("状态 by its Chinese name or its stored value; anything else refused")
    func values() throws {
        #expect(ProblemState(argument: "办理中") == .assigned && ProblemState(argument: "assigned") == .assigned)
        #expect(FollowUpStatus(argument: "已完成") == .done && FollowUpStatus(argument: " 已免除 ") == .waived)
        #expect(ProblemClue.Status(argument: "已交办") == .assigned)
        #expect(CampaignKind(argument: "评星定级") == .starRating)
        #expect(ProblemState(argument: "处理中") == nil && FollowUpStatus(argument: "") == nil)
        #expect(FollowUpStatus.allValueStrings == ["待办", "已完成", "已免除", "已撤销"])
        let parsed = try FollowUpsCommand.Record.parse(["7", "--status", "已完成", "--note", "已谈话"])
        #expect(parsed.status == .done)
    }
}
