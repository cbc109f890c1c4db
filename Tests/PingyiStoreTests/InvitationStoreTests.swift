import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Invitations")
struct InvitationStoreTests {
    @Test("merchant review: one invitation per merchant with dealings that year, listing those departments")
    func merchantInvitations() async throws {
        try await CountyFixture.withCounty { fixture in
            let campaign = try await fixture.campaign(.merchantReview)
            let result = try await InvitationStore(pool: fixture.pool).issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, actor: "test")
            #expect(result.issued.map(\.respondent.key) == ["91110108551385082Q", "914403001922038216"])
            #expect(result.issued.map(\.departments) == [["SWJ"], ["SCJG", "XZSP"]])
            #expect(result.issued[1].contactPerson == "张三")
            #expect(Set(result.issued.map(\.token)).count == 2)
            #expect(try fixture.count("SELECT count(*) FROM invitation_departments") == 3)
            let again = try await InvitationStore(pool: fixture.pool).issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, actor: "test")
            #expect(again.issued.isEmpty)
        }
    }

    @Test("star rating: every active supervisor, all active departments or the given list")
    func supervisorInvitations() async throws {
        try await CountyFixture.withCounty { fixture in
            let campaign = try await fixture.campaign(.starRating)
            let store = InvitationStore(pool: fixture.pool)
            await #expect(throws: CampaignError.unknownDepartments(["NOPE"])) {
                try await store.issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, departments: ["SCJG", "NOPE"], actor: "test")
            }
            let result = try await store.issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, departments: ["XZSP", "SCJG"], actor: "test")
            #expect(result.issued.map(\.respondent.key) == ["JD001", "JD002"])
            #expect(result.issued.allSatisfy { $0.departments == ["SCJG", "XZSP"] })
        }
    }

    @Test("only SHA-256 hashes are stored: no table holds a token's text or bytes")
    func onlyHashesStored() async throws {
        try await CountyFixture.withCounty { fixture in
            let merchants = try await InvitationStore(pool: fixture.pool).issue(
                campaignID: try await fixture.campaign(.merchantReview).id, codeKey: CountyFixture.codeKey, actor: "test")
            let supervisors = try await InvitationStore(pool: fixture.pool).issue(
                campaignID: try await fixture.campaign(.starRating).id, codeKey: CountyFixture.codeKey, actor: "test")
            let tokens = (merchants.issued + supervisors.issued).map(\.token)
            #expect(tokens.count == 4)
            let connection = try fixture.database.connect()
            let columns = try connection.query(
                """
                SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                """
            ).map {
                (
                    try $0.decode("table_name", as: String.self), try $0.decode("column_name", as: String.self),
                    try $0.decode("data_type", as: String.self)
                )
            }
            #expect(columns.count > 40)
            for token in tokens {
                for (table, column, _) in columns {
                    // Every column as text: a token's text, or its bytes in hex, must appear nowhere.
                    let hits: Int = try connection.query(
                        """
                        SELECT count(*) AS n FROM \(identifier: table)
                        WHERE \(identifier: column)::text LIKE '%' || \(token.text) || '%'
                           OR \(identifier: column)::text ILIKE '%' || \(token.bytes.map { String(format: "%02x", $0) }.joined()) || '%'
                        """)[0].decode("n")
                    #expect(hits == 0, "token found in \(table).\(column)")
                }
                let hashed: Int = try connection.query("SELECT count(*) AS n FROM invitations WHERE token_hash = \(token.hash)")[0].decode("n")
                #expect(hashed == 1)
            }
        }
    }

    @Test("reissue revokes unused invitations and replaces them; a used invitation is never replaced")
    func reissue() async throws {
        try await CountyFixture.withCounty { fixture in
            let campaign = try await fixture.campaign(.merchantReview)
            let store = InvitationStore(pool: fixture.pool)
            let first = try await store.issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, actor: "test")
            let connection = try fixture.database.connect()
            try connection.query("UPDATE invitations SET used_on = current_date WHERE merchant_credit_code = '914403001922038216'")
            // A reissue needs a reason, and keeps it with the links revoked per department.
            await #expect(throws: CampaignError.reissueNeedsReason) {
                try await store.issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, reissue: .all, reason: "  ", actor: "test")
            }
            let second = try await store.issue(
                campaignID: campaign.id, codeKey: CountyFixture.codeKey, reissue: .all, reason: "短信平台退回，重新发放", actor: "test")
            #expect(second.revoked == 1)
            let audit: String = try connection.query(
                "SELECT after::text AS a FROM audit_log WHERE action = 'invitations.issue' ORDER BY id DESC LIMIT 1")[0].decode("a")
            #expect(audit.contains("短信平台退回") && audit.contains("\"SWJ\": 1"))
            #expect(try await store.reissues(campaignID: campaign.id).map(\.revoked) == [1])
            #expect(second.issued.map(\.respondent.key) == ["91110108551385082Q"])
            #expect(!first.issued.map(\.token).contains(second.issued[0].token))
            let revokedHash = first.issued[0].token.hash
            let revoked: Bool = try connection.query("SELECT revoked_at IS NOT NULL AS r FROM invitations WHERE token_hash = \(revokedHash)")[0]
                .decode("r")
            #expect(revoked)
            let one = try await store.issue(
                campaignID: campaign.id, codeKey: CountyFixture.codeKey, reissue: .respondents(["914403001922038216", "91110108551385082Q"]),
                reason: "更正", actor: "test")
            #expect(one.revoked == 1)
            #expect(one.issued.map(\.respondent.key) == ["91110108551385082Q"])
            let status = try await store.status(campaignID: campaign.id)
            #expect(
                status
                    == InvitationStatus(
                        issued: 2, used: 1, revoked: 2,
                        departments: [
                            .init(code: "SCJG", name: "县市场监督管理局", issued: 1, used: 1),
                            .init(code: "SWJ", name: "县税务局", issued: 1, used: 0),
                            .init(code: "XZSP", name: "县行政审批服务局", issued: 1, used: 1),
                        ]))
            #expect(try fixture.count("SELECT count(*) FROM invitations WHERE revoked_at IS NULL") == 2)
        }
    }

    @Test("a delivery that fails stores nothing, so no token is lost")
    func failedDelivery() async throws {
        struct DiskFull: Error {}
        try await CountyFixture.withCounty { fixture in
            let campaign = try await fixture.campaign(.merchantReview)
            await #expect(throws: DiskFull.self) {
                try await InvitationStore(pool: fixture.pool).issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, actor: "test") { _ in
                    throw DiskFull()
                }
            }
            #expect(try fixture.count("SELECT count(*) FROM invitations") == 0)
            #expect(try fixture.count("SELECT count(*) FROM audit_log WHERE action = 'invitations.issue'") == 0)
        }
    }

    @Test("no invitations once a campaign has closed; the hash is unique across campaigns")
    func closedAndUnique() async throws {
        try await CountyFixture.withCounty { fixture in
            let campaigns = CampaignStore(pool: fixture.pool)
            let campaign = try await fixture.campaign(.starRating)
            let issued = try await InvitationStore(pool: fixture.pool).issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, actor: "test")
            _ = try await campaigns.transition(id: campaign.id, to: .open, actor: "test", key: CountyFixture.ballotKey)
            _ = try await campaigns.transition(id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            await #expect(throws: CampaignError.notAcceptingInvitations(id: campaign.id, state: .closed)) {
                try await InvitationStore(pool: fixture.pool).issue(campaignID: campaign.id, codeKey: CountyFixture.codeKey, actor: "test")
            }
            let connection = try fixture.database.connect()
            let duplicate = #expect(throws: PostgresError.self) {
                try connection.query(
                    "INSERT INTO invitations (campaign_id, token_hash, supervisor_code) VALUES (\(campaign.id), \(issued.issued[0].token.hash), 'JD003')"
                )
            }
            #expect(duplicate?.code == .uniqueViolation)
            let second = #expect(throws: PostgresError.self) {
                try connection.query(
                    "INSERT INTO invitations (campaign_id, token_hash, supervisor_code) VALUES (\(campaign.id), \(InvitationToken.random().hash), 'JD001')"
                )
            }
            #expect(second?.constraint == "invitations_one_per_supervisor")
        }
    }

    @Test("who could be invited at all: merchants with dealings in the campaign's year, active supervisors")
    func eligible() async throws {
        try await CountyFixture.withCounty { fixture in
            let store = InvitationStore(pool: fixture.pool)
            #expect(try await store.eligibleRespondents(campaignID: try await fixture.campaign(.merchantReview).id) == 2)
            #expect(try await store.eligibleRespondents(campaignID: try await fixture.campaign(.starRating).id) == 2)
            _ = try await AppraisalStore(pool: fixture.pool).create(
                year: 2027, title: "2027", policyText: try CountyFixture.shipped("policy.yaml"), policyFile: "p", actor: "test")
            let empty = try await fixture.campaign(.merchantReview, year: 2027)
            #expect(try await store.eligibleRespondents(campaignID: empty.id) == 0)  // no dealings recorded for 2027
            #expect(try await store.issue(campaignID: empty.id, codeKey: CountyFixture.codeKey, actor: "test").issued.isEmpty)
        }
    }
}
