import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

/// One calendar: what the system dates is a China Standard Time day, although Pingyi's database
/// sessions run in UTC. Everything here happens at 23:30 UTC on 27 December, which is already
/// 07:30 on 28 December in the county.
@Suite("One calendar: days are China Standard Time days at 23:30 UTC")
struct CountyCalendarTests {
    /// 2026-12-27 23:30:00 UTC.
    static let lateEvening = Date(timeIntervalSince1970: 1_798_414_200)
    static let countyDay = "2026-12-28"

    @Test("ballots, clues, counting and follow-ups made at 23:30 UTC are dated the county's next day")
    func datesAtLateUTC() async throws {
        #expect(ISO8601DateFormatter().string(from: Self.lateEvening) == "2026-12-27T23:30:00Z")
        try await CountyFixture.withCounty { fixture in
            // The database's own idea of today is the UTC day: exactly what must not leak in.
            let sessionZone: String = try fixture.database.connect().query("SHOW TimeZone")[0].decode(at: 0)
            #expect(sessionZone == "UTC")

            let ballots = BallotStore(pool: fixture.pool)
            let campaigns = CampaignStore(pool: fixture.pool)
            let (stars, supervisorLinks) = try await fixture.openCampaign(.starRating)
            let signed = BallotAnswers(
                stars: ["satisfaction", "policy", "benefit"].map { StarAnswer(target: "SCJG", question: $0, stars: 2) },
                texts: [TextAnswer(target: "SCJG", question: "clue", text: "窗口要求重复提交材料")], signed: true)
            let unsigned = BallotAnswers(
                stars: ["satisfaction", "policy", "benefit"].map { StarAnswer(target: "SCJG", question: $0, stars: 4) },
                texts: [TextAnswer(target: "SCJG", question: "clue", text: "午休时间无人值守")])
            #expect(try await ballots.submit(tokenHash: supervisorLinks[0].token.hash, answers: signed, now: Self.lateEvening) == .accepted)
            #expect(try await ballots.submit(tokenHash: supervisorLinks[1].token.hash, answers: unsigned, now: Self.lateEvening) == .accepted)
            let usedBeforeClose: [String] = try fixture.database.connect()
                .query("SELECT used_on::text AS d FROM invitations WHERE campaign_id = \(stars.id) AND used_on IS NOT NULL").rows.map {
                    try $0.decode("d")
                }
            #expect(usedBeforeClose == [Self.countyDay, Self.countyDay])
            let signedClueDay: String = try fixture.database.connect()
                .query("SELECT reported_on::text AS d FROM problem_clues WHERE signed_by IS NOT NULL")[0].decode("d")
            #expect(signedClueDay == Self.countyDay)

            _ = try await campaigns.transition(id: stars.id, to: .closed, actor: "test", key: CountyFixture.ballotKey, now: Self.lateEvening)
            let clueDays: [String] = try fixture.database.connect()
                .query("SELECT reported_on::text AS d FROM problem_clues ORDER BY d").rows.map { try $0.decode("d") }
            #expect(clueDays == [Self.countyDay, Self.countyDay])
            let usedDays: [String] = try fixture.database.connect()
                .query("SELECT DISTINCT used_on::text AS d FROM invitations WHERE used_on IS NOT NULL").rows.map { try $0.decode("d") }
            #expect(usedDays == [Self.countyDay])

            // A merchant's unsatisfied grade flags G0102; the follow-up is due 60 days after the
            // county's day of publishing (组织处理), not after the UTC day.
            let (review, merchantLinks) = try await fixture.openCampaign(.merchantReview)
            let huawei = merchantLinks.first { $0.respondent.key == "914403001922038216" }!
            let grades = BallotAnswers(grades: [
                GradeAnswer(target: "G0101", question: "overall", option: "satisfied"),
                GradeAnswer(target: "G0102", question: "overall", option: "unsatisfied"),
                GradeAnswer(target: "G0201", question: "overall", option: "basic"),
            ])
            #expect(try await ballots.submit(tokenHash: huawei.token.hash, answers: grades, now: Self.lateEvening) == .accepted)
            _ = try await campaigns.transition(id: review.id, to: .closed, actor: "test", key: CountyFixture.ballotKey, now: Self.lateEvening)
            let policy = try CountyFixture.shipped("policy.yaml").replacingOccurrences(of: "minBallots: 5", with: "minBallots: 1")
            _ = try await AppraisalStore(pool: fixture.pool).replacePolicy(year: 2026, policyText: policy, policyFile: "p.yaml", actor: "test")
            let scoring = ScoringStore(pool: fixture.pool)
            _ = try await scoring.score(year: 2026, actor: "test")
            _ = try await scoring.publish(year: 2026, actor: "test", now: Self.lateEvening)
            let followUp = try #require(try await FollowUpStore(pool: fixture.pool).list(year: 2026).first { $0.employeeNumber == "G0102" })
            #expect(followUp.action == .organizationalHandling)
            #expect(followUp.dueOn.description == "2027-02-26")  // 2026-12-28 + 60 days
            // Overdue is decided on county days too: due 2027-02-26 is not overdue on that day.
            #expect(!followUp.isOverdue(on: CountyCalendar.today(Date(timeIntervalSince1970: 1_803_598_200))))  // 2027-02-25 23:30 UTC
            // 2027-02-26 16:00 UTC = 27 Feb 00:00 in the county.
            #expect(followUp.isOverdue(on: CountyCalendar.today(Date(timeIntervalSince1970: 1_803_657_600))))
        }
    }
}
