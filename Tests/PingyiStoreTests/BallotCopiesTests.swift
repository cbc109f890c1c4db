import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

/// The ballot path's copies in memory (`BallotDirectory`, `CampaignCache`, `BallotBodyLimit`)
/// show changes once their lifetime has passed — tested by moving a clock, not by sleeping.
@Suite("Ballot copies in memory")
struct BallotCopiesTests {
    @Test("a chief added to the roster is on the ballot once the directory's lifetime has passed, not before")
    func rosterShowsAfterLifetime() async throws {
        try await CountyFixture.withCounty { fixture in
            let (_, issued) = try await fixture.openCampaign(.merchantReview)
            let huawei = try #require(issued.first { $0.respondent.key == "914403001922038216" })
            let clock = ManualClock()
            let store = BallotStore(pool: fixture.pool, rosterLifetime: .seconds(10), now: clock.now)
            func chiefs() async throws -> [String] {
                guard case .open(let invitation) = try await store.lookup(tokenHash: huawei.token.hash) else { return [] }
                return invitation.departments.flatMap { $0.chiefs.map(\.employeeNumber) }
            }
            #expect(try await chiefs() == ["G0101", "G0102", "G0201"])
            let roster = "部门代码,部门名称,股室,工号,姓名,职务\nSCJG,县市场监督管理局,价格监督检查股,G0103,孙悦,股长\n"
            _ = try await RosterStore(pool: fixture.pool).importRoster(RosterFormat.parse(Data(roster.utf8), file: "r.csv"), actor: "test")
            clock.advance(by: .seconds(9))
            #expect(try await chiefs() == ["G0101", "G0102", "G0201"])
            clock.advance(by: .seconds(1))
            #expect(try await chiefs() == ["G0101", "G0102", "G0103", "G0201"])
        }
    }
}
