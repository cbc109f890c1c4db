import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

@Suite("Anonymity")
struct AnonymityTests {
    @Test("after close the ballot box is empty and no response column can be joined to an invitation or merchant")
    func afterClose() async throws {
        try await ServerHarness.run { server in
            for creditCode in [MerchantBallotTests.huawei, "91110108551385082Q"] {
                let token = server.merchantToken(creditCode)
                let cookie = "pingyi_s=\(token.text)"
                let csrf = try await server.csrf(path: "/s", cookie: cookie)
                let fields =
                    creditCode == MerchantBallotTests.huawei
                    ? MerchantBallotTests.validFields(csrf: csrf)
                    : [("csrf", csrf), ("a.G0301.overall", "basic"), ("a.G0301.comment", "好")]
                #expect(try await server.post("/s", body: ServerHarness.encode(fields), cookie: cookie).status == .seeOther)
            }
            let campaign = server.merchantReview!.0
            _ = try await CampaignStore(pool: server.fixture.pool).transition(
                id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)

            let connection = try server.fixture.database.connect()
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
            #expect(try server.fixture.count("SELECT count(*) FROM ballots") == 2)
            #expect(try server.fixture.count("SELECT count(*) FROM chief_grades") == 4)
            #expect(try server.fixture.count("SELECT count(*) FROM text_answers") == 3)

            let responseTables = ["ballots", "chief_grades", "department_stars", "text_answers"]
            // No column of a time type, no serial or identity column.
            let columns = try connection.query(
                """
                SELECT table_name, column_name, data_type, column_default, is_identity FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ANY(\(responseTables)::text[])
                """)
            #expect(columns.count == 14)
            for row in columns.rows {
                let type: String = try row.decode("data_type")
                let name: String = try row.decode("column_name")
                #expect(!type.contains("time") && type != "date", "\(name) is \(type)")
                #expect(try row.decode("is_identity", as: String.self) == "NO")
                #expect(try row.decode("column_default", as: String?.self)?.contains("nextval") != true)
                #expect(!["token", "token_hash", "invitation_id", "credit_code", "merchant_credit_code", "supervisor_code"].contains(name))
            }
            // No foreign key from a response table to invitations, merchants or supervisors.
            let references = try connection.query(
                """
                SELECT count(*) AS n FROM pg_constraint
                WHERE contype = 'f' AND conrelid::regclass::text = ANY(\(responseTables)::text[])
                  AND confrelid::regclass::text IN ('invitations', 'merchants', 'supervisors', 'merchant_dealings')
                """)[0].decode("n", as: Int.self)
            #expect(references == 0)
            // No value of a response row equals anything that identifies an invitation or merchant.
            let identifying = try connection.query(
                """
                SELECT id::text AS v FROM invitations UNION SELECT encode(token_hash, 'hex') FROM invitations
                UNION SELECT credit_code FROM merchants
                """
            ).map { try $0.decode("v", as: String.self) }
            for table in responseTables {
                let values = try connection.query(
                    "SELECT t::text AS row FROM \(identifier: table) t"
                ).map { try $0.decode("row", as: String.self) }
                for value in values {
                    #expect(!identifying.contains { value.contains($0) && $0.count > 3 }, "\(table) row \(value)")
                }
            }
            // Every response row was written by the close: one transaction, none shared with a claim.
            let writers = try connection.query(
                "SELECT count(DISTINCT xmin::text) AS n FROM (SELECT xmin FROM ballots UNION ALL SELECT xmin FROM chief_grades UNION ALL SELECT xmin FROM text_answers) x"
            )[0].decode("n", as: Int.self)
            #expect(writers == 1)
            // The used invitations were rewritten by that same transaction: all of them share its id,
            // so xmin tells nothing about which invitation gave which answers.
            let shared = try connection.query(
                "SELECT count(*) AS n FROM invitations i WHERE i.xmin::text IN (SELECT xmin::text FROM ballots)")[0].decode("n", as: Int.self)
            #expect(shared == 2)
            #expect(try server.fixture.count("SELECT count(DISTINCT used_on) FROM invitations WHERE used_on IS NOT NULL") == 1)
        }
    }

    @Test("request logs never contain a token, however the path is written; ballot POSTs are not logged one by one at info level")
    func logsHoldNoToken() async throws {
        let recorder = LogRecorder()
        var logger = recorder.logger()
        logger.logLevel = .info
        try await ServerHarness.run(logger: logger) { server in
            let token = server.merchantToken(MerchantBallotTests.huawei)
            _ = try await server.get("/s/\(token.text)")
            for path in ["//s/\(token.text)", "/s//\(token.text)", "/r/\(token.text)/x", "/x/\(token.text)", "/s/\(token.text)?a=b"] {
                _ = try await server.get(path)
            }
            let cookie = "pingyi_s=\(token.text)"
            let csrf = try await server.csrf(path: "/s", cookie: cookie)
            _ = try await server.post("/s", body: ServerHarness.encode(MerchantBallotTests.validFields(csrf: csrf)), cookie: cookie)
            _ = try await server.get("/s/\(InvitationToken.random().text)")
        }
        let messages = recorder.messages
        #expect(messages.contains { $0.contains("GET /s/*** 303") })
        #expect(!messages.contains { $0.contains("POST /s") })
        #expect(messages.allSatisfy { !$0.contains("pingyi_s=") })
        #expect(
            messages.allSatisfy { message in
                // a token is 22 URL-safe characters: no logged word may look like one
                !message.split(whereSeparator: { " /=?".contains($0) }).contains { $0.count == 22 && InvitationToken(text: String($0)) != nil }
            })
    }
}
