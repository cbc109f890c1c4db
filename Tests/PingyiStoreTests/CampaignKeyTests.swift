import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Opening with a public half, closing against the box")
struct CampaignKeyTests {
    @Test("a campaign opened with only the public half (made in the office's browser) is counted with the private half")
    func publicHalfOnly() async throws {
        try await CountyFixture.withCounty { fixture in
            let draft = try await fixture.campaign(.merchantReview)
            let issued = try await InvitationStore(pool: fixture.pool).issue(campaignID: draft.id, codeKey: CountyFixture.codeKey, actor: "test")
                .issued
            let key = BallotOpeningKey.generate()
            let store = CampaignStore(pool: fixture.pool)
            await #expect(throws: CampaignError.sealingKeyMissing(draft.id)) {
                try await store.transition(id: draft.id, to: .open, actor: "test")
            }
            let opened = try await store.transition(id: draft.id, to: .open, actor: "test", sealingKey: key.sealingKey)
            #expect(opened.sealingKey == key.sealingKey && opened.ballotLength != nil)
            let answers = BallotAnswers(grades: [GradeAnswer(target: "G0101", question: "overall", option: "satisfied")])
            #expect(try await BallotStore(pool: fixture.pool).submit(tokenHash: issued[0].token.hash, answers: answers) == .accepted)
            _ = try await store.transition(id: draft.id, to: .closed, actor: "test", key: key)
            #expect(try fixture.count("SELECT count(*) FROM chief_grades WHERE campaign_id = \(draft.id)") == 1)
        }
    }

    @Test("a box that does not hold one sealed ballot per used invitation is refused at close, and nothing changes")
    func boxMismatch() async throws {
        try await CountyFixture.withCounty { fixture in
            let (campaign, issued) = try await fixture.openCampaign(.merchantReview)
            let answers = BallotAnswers(grades: [GradeAnswer(target: "G0101", question: "overall", option: "basic")])
            for invitation in issued.prefix(2) {
                #expect(try await BallotStore(pool: fixture.pool).submit(tokenHash: invitation.token.hash, answers: answers) == .accepted)
            }
            // A DBA removes one sealed ballot (or slips one in): the count no longer adds up.
            let connection = try fixture.database.connect()
            try connection.query("DELETE FROM ballot_box WHERE ctid = (SELECT ctid FROM ballot_box LIMIT 1)")
            let store = CampaignStore(pool: fixture.pool)
            await #expect(throws: CampaignError.boxMismatch(id: campaign.id, sealed: 1, used: 2)) {
                try await store.transition(id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            }
            #expect(try await store.find(id: campaign.id)?.state == .open)
            #expect(try fixture.count("SELECT count(*) FROM ballot_box") == 1)
            #expect(try fixture.count("SELECT count(*) FROM chief_grades") == 0)
        }
    }
}
