import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Appraisal years and campaigns")
struct CampaignStoreTests {
    @Test("the year keeps its policy text and SHA-256; a second create of the same year is refused")
    func appraisalYear() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = AppraisalStore(pool: fixture.pool)
            let year = try #require(try await store.find(year: 2026))
            let text = try CountyFixture.shipped("policy.yaml")
            #expect(year.policySHA256 == SurveyTemplate.sha256(of: text))
            #expect(year.policy.minBallots == 5)
            await #expect(throws: AppraisalError.exists(2026)) {
                try await store.create(year: 2026, title: "again", policyText: text, policyFile: "p", actor: "test")
            }
            await #expect(throws: InvalidFile.self) {
                try await store.create(year: 2027, title: "bad", policyText: "version: 1\n", policyFile: "p", actor: "test")
            }
            #expect(try fixture.count("SELECT count(*) FROM appraisal_years") == 1)
        }
    }

    @Test("a campaign keeps its own copy of the template")
    func templateCopied() async throws {
        try await CountyFixture.withCounty { fixture in
            let text = try CountyFixture.shipped("merchant-review.yaml")
            let campaign = try await fixture.campaign(.merchantReview)
            #expect(campaign.templateSHA256 == SurveyTemplate.sha256(of: text))
            #expect(campaign.template.id == "merchant-review")
            #expect(try fixture.count("SELECT count(*) FROM campaigns WHERE template_yaml = \(text)") == 1)
            let store = CampaignStore(pool: fixture.pool)
            await #expect(throws: CampaignError.duplicate(year: 2026, kind: .merchantReview)) { try await fixture.campaign(.merchantReview) }
            await #expect(throws: CampaignError.wrongTarget(kind: .starRating, template: .chief)) {
                try await store.create(year: 2026, kind: .starRating, templateText: text, templateFile: "m", actor: "test")
            }
            await #expect(throws: CampaignError.yearNotFound(2030)) {
                try await store.create(
                    year: 2030, kind: .starRating, templateText: try CountyFixture.shipped("star-rating.yaml"), templateFile: "s", actor: "test")
            }
        }
    }

    @Test("draft → open → closed → published, and every other step names the current state")
    func stateMachine() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = CampaignStore(pool: fixture.pool)
            let campaign = try await fixture.campaign(.starRating)
            let id = campaign.id
            await #expect(throws: CampaignError.illegalTransition(id: id, from: .draft, to: .closed)) {
                try await store.transition(id: id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            }
            await #expect(throws: CampaignError.illegalTransition(id: id, from: .draft, to: .published)) {
                try await store.transition(id: id, to: .published, actor: "test", key: CountyFixture.ballotKey)
            }
            #expect(try await store.transition(id: id, to: .open, actor: "test", key: CountyFixture.ballotKey).state == .open)
            await #expect(throws: CampaignError.illegalTransition(id: id, from: .open, to: .open)) {
                try await store.transition(id: id, to: .open, actor: "test", key: CountyFixture.ballotKey)
            }
            #expect(try await store.transition(id: id, to: .closed, actor: "test", key: CountyFixture.ballotKey).state == .closed)
            #expect(try await store.transition(id: id, to: .published, actor: "test", key: CountyFixture.ballotKey).state == .published)
            let last = await #expect(throws: CampaignError.self) {
                try await store.transition(id: id, to: .open, actor: "test", key: CountyFixture.ballotKey)
            }
            #expect(last?.description.contains("已归档的活动不能再修改") == true)
            await #expect(throws: CampaignError.notFound(999)) {
                try await store.transition(id: 999, to: .open, actor: "test", key: CountyFixture.ballotKey)
            }
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action LIKE 'campaign.%'") == 4)
        }
    }

    @Test("the database itself refuses illegal steps and changes to a published campaign")
    func databaseGuards() async throws {
        try await CountyFixture.withCounty { fixture in
            let campaign = try await fixture.campaign(.starRating)
            let connection = try fixture.database.connect()
            let skip = #expect(throws: PostgresError.self) {
                try connection.query(
                    "UPDATE campaigns SET state = 'published', closed_at = now(), published_at = now(), opened_at = now() WHERE id = \(campaign.id)")
            }
            #expect(skip?.sqlState == "PY001")
            let store = CampaignStore(pool: fixture.pool)
            for state in [CampaignState.open, .closed, .published] {
                _ = try await store.transition(id: campaign.id, to: state, actor: "test", key: CountyFixture.ballotKey)
            }
            let edit = #expect(throws: PostgresError.self) {
                try connection.query("UPDATE campaigns SET closes_at = now() WHERE id = \(campaign.id)")
            }
            #expect(edit?.sqlState == "PY002")
            let delete = #expect(throws: PostgresError.self) { try connection.query("DELETE FROM campaigns WHERE id = \(campaign.id)") }
            #expect(delete?.sqlState == "PY002")
        }
    }

    @Test("ten concurrent opens: exactly one succeeds, the others are told it is already open")
    func concurrentOpen() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = CampaignStore(pool: fixture.pool)
            let id = try await fixture.campaign(.merchantReview).id
            let outcomes = await withTaskGroup(of: Result<CampaignState, CampaignError>.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do {
                            return .success(try await store.transition(id: id, to: .open, actor: "test", key: CountyFixture.ballotKey).state)
                        } catch let error as CampaignError {
                            return .failure(error)
                        } catch {
                            return .failure(.notFound(-1))
                        }
                    }
                }
                var outcomes: [Result<CampaignState, CampaignError>] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let successes = outcomes.filter { if case .success = $0 { true } else { false } }
            #expect(successes.count == 1)
            #expect(
                outcomes.allSatisfy { outcome in
                    switch outcome {
                    case .success(let state): state == .open
                    case .failure(let error): error == .illegalTransition(id: id, from: .open, to: .open)
                    }
                })
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action = 'campaign.open'") == 1)
        }
    }

    @Test("an open/close race ends in a state that some order of the successful steps explains")
    func openCloseRace() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = CampaignStore(pool: fixture.pool)
            let policy = try CountyFixture.shipped("policy.yaml")
            for round in 0..<6 {
                let year = 2027 + round
                _ = try await AppraisalStore(pool: fixture.pool).create(
                    year: year, title: "\(year)", policyText: policy, policyFile: "p", actor: "test")
                let id = try await store.create(
                    year: year, kind: .starRating, templateText: try CountyFixture.shipped("star-rating.yaml"), templateFile: "s", actor: "test"
                ).id
                let results = await withTaskGroup(of: (CampaignState, Bool).self) { group in
                    for target in [CampaignState.open, .closed] {
                        group.addTask {
                            do {
                                _ = try await store.transition(id: id, to: target, actor: "test", key: CountyFixture.ballotKey)
                                return (target, true)
                            } catch {
                                return (target, false)
                            }
                        }
                    }
                    var results: [CampaignState: Bool] = [:]
                    for await (target, succeeded) in group { results[target] = succeeded }
                    return results
                }
                let final = try #require(try await store.find(id: id)).state
                #expect(results[.open] == true, "opening a draft always succeeds")
                #expect(final == (results[.closed] == true ? .closed : .open))
                if results[.closed] == true {
                    let ordered: Bool = try fixture.database.connect()
                        .query("SELECT opened_at <= closed_at AS ordered FROM campaigns WHERE id = \(id)")[0].decode("ordered")
                    #expect(ordered)
                }
            }
        }
    }
}
