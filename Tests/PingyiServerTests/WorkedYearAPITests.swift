import Foundation
import Hummingbird
import HummingbirdTesting
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

/// The hand-worked year of `ScoringTests` (PingyiCoreTests), built in the database from ballots,
/// star ratings, assessments and earlier official years, scored by `ScoringStore` and read back
/// through `GET /api/v1/appraisals/2026/scores`: every figure must be the one worked out on paper.
@Suite("Worked year through the API")
struct WorkedYearAPITests {
    static let setup = """
        INSERT INTO departments (code, name) VALUES ('A', 'A局'), ('B', 'B局'), ('C', 'C局');
        INSERT INTO sections (department_code, name)
            SELECT d, n || '股' FROM (VALUES ('A','A1'),('A','A2'),('A','A3'),('B','B1'),('B','B2'),('B','B3'),('C','C1'),('C','D1')) v(d, n);
        INSERT INTO chiefs (employee_number, name, section_id, position)
            SELECT split_part(s.name, '股', 1), '股长' || split_part(s.name, '股', 1), s.id, '股长'
            FROM sections s WHERE s.department_code IN ('A', 'B', 'C');
        INSERT INTO assessments (year, department_code, employee_number, leadership, publicity, implementation, highlights) VALUES
            (2026, 'A', NULL, 90, 80, 85, 70), (2026, 'B', NULL, 80, 80, 80, 80), (2026, 'C', NULL, 60, 70, 65, 50),
            (2026, NULL, 'A2', 100, 100, 100, 100);
        """

    /// One ballot per answer: (chief, satisfied, basic, unsatisfied, unknown).
    static let counts: [(String, [Int])] = [
        ("A1", [8, 2, 0, 1]), ("A2", [4, 3, 3, 0]), ("A3", [2, 2, 4, 2]), ("B1", [8, 0, 2, 0]), ("B2", [5, 4, 1, 0]),
        ("B3", [10, 0, 0, 0]), ("C1", [3, 0, 2, 0]), ("D1", [2, 1, 0, 0]),
    ]

    @Test("every figure of the worked year, from SQL counts to JSON")
    func workedYear() async throws {
        try await ServerHarness.run(open: []) { server in
            let fixture = server.fixture
            let connection = try fixture.database.connect()
            try connection.execute(script: Self.setup)
            let campaigns = CampaignStore(pool: fixture.pool)
            let merchant = try await fixture.campaign(.merchantReview)
            let star = try await fixture.campaign(.starRating)
            for campaign in [merchant, star] {
                _ = try await campaigns.transition(id: campaign.id, to: .open, actor: "test", key: CountyFixture.ballotKey)
                _ = try await campaigns.transition(id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            }
            for (chief, numbers) in Self.counts {
                for (option, count) in zip(["satisfied", "basic", "unsatisfied", "unknown"], numbers) where count > 0 {
                    try connection.query(
                        """
                        WITH b AS (INSERT INTO ballots (id, campaign_id) SELECT gen_random_uuid(), \(merchant.id) FROM generate_series(1, \(count)) RETURNING id)
                        INSERT INTO chief_grades (campaign_id, employee_number, question, option)
                        SELECT \(merchant.id), \(chief), 'overall', \(option) FROM b
                        """)
                }
            }
            // Stars: A averages 4.0 (4 / 4.5 / 3.5 on ten ratings each), B 3.5 (4,3,4,3 on each point), C none.
            let stars: [(String, String, [Int])] = [
                ("A", "satisfaction", Array(repeating: 4, count: 10)), ("A", "policy", Array(repeating: 5, count: 5) + Array(repeating: 4, count: 5)),
                ("A", "benefit", Array(repeating: 4, count: 5) + Array(repeating: 3, count: 5)),
                ("B", "satisfaction", [4, 3, 4, 3]), ("B", "policy", [4, 3, 4, 3]), ("B", "benefit", [4, 3, 4, 3]),
            ]
            for (department, question, values) in stars {
                for value in values {
                    try connection.query(
                        """
                        WITH b AS (INSERT INTO ballots (id, campaign_id) VALUES (gen_random_uuid(), \(star.id)) RETURNING id)
                        INSERT INTO department_stars (campaign_id, department_code, question, stars)
                        SELECT \(star.id), \(department), \(question), \(value) FROM b
                        """)
                }
            }
            // Earlier official years: A3 flagged in 2024 and 2025, C1 in 2025, B2 in 2023.
            let policy = try CountyFixture.shipped("policy.yaml")
            for (year, flagged) in [(2023, ["B2"]), (2024, ["A3"]), (2025, ["A3", "C1"])] {
                _ = try await AppraisalStore(pool: fixture.pool).create(
                    year: year, title: "\(year)", policyText: policy, policyFile: "p", actor: "test")
                let run: Int = try connection.query(
                    """
                    INSERT INTO scoring_runs (year, fingerprint, policy_sha256, inputs, created_by)
                    VALUES (\(year), repeat('0', 64), \(SurveyTemplate.sha256(of: policy)), '{}', 'test') RETURNING id
                    """)[0].decode("id")
                for chief in flagged {
                    try connection.query(
                        "INSERT INTO chief_results (run_id, employee_number, department_code, flagged, bottom, result) VALUES (\(run), \(chief), '-', true, false, '{}')"
                    )
                }
                try connection.query("UPDATE appraisal_years SET official_run_id = \(run), published_at = now() WHERE year = \(year)")
            }
            _ = try await ScoringStore(pool: fixture.pool).score(year: 2026, actor: "test")

            let secret = try await APIKeyStore(pool: fixture.pool).create(role: .orgdept, name: "组织部", actor: "test").1
            let response = try await server.client.execute(
                uri: "/api/v1/appraisals/2026/scores?run=latest&limit=500", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(response.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let all = (body["chiefs"] as? [[String: Any]] ?? []).filter {
                ($0["departmentCode"] as? String).map { ["A", "B", "C"].contains($0) } ?? false
            }
            // The county's own chiefs have no ballots: insufficient data, unranked, after the worked ones.
            #expect(Array(all.compactMap { $0["employeeNumber"] as? String }.prefix(8)) == ["B3", "A1", "A2", "B1", "B2", "A3", "C1", "D1"])
            let chief = Dictionary(uniqueKeysWithValues: all.map { ($0["employeeNumber"] as! String, $0) })
            let expected: [(String, Int, Double, Double)] = [
                ("A1", 10, 94.0, 87.68), ("A2", 10, 70.0, 81.0), ("A3", 8, 57.5, 69.43), ("B1", 10, 86.0, 81.0),
                ("B2", 10, 81.0, 78.5), ("B3", 10, 100.0, 88.0), ("C1", 5, 72.0, 68.16),
            ]
            for (number, n, merchantScore, composite) in expected {
                let row = try #require(chief[number])
                #expect(row["n"] as? Int == n, "\(number)")
                #expect(abs((row["merchantScore"] as? Double ?? -1) - merchantScore) < 1e-9, "\(number)")
                #expect(abs((row["composite"] as? Double ?? -1) - composite) < 1e-9, "\(number)")
            }
            #expect(chief["A1"]?["starScore"] as? Double == 80)
            #expect(chief["B1"]?["starLevel"] as? Int == 4)
            #expect(chief["C1"]?["starScore"] == nil)
            #expect(chief["C1"]?["compositeNote"] as? String == "缺少评星定级，按 客商评议 62.5%、目标考核 37.5% 重新归一计算")
            #expect(chief["A2"]?["ownAssessment"] as? Bool == true)
            #expect(chief["D1"]?["insufficientData"] as? Bool == true)
            #expect(chief["D1"]?["rank"] == nil)
            #expect(["B3", "A1", "A2", "B1", "B2", "A3", "C1"].map { chief[$0]?["rank"] as? Int ?? 0 } == [1, 2, 3, 3, 5, 6, 7])
            let flagged = all.filter { ($0["flags"] as? [Any])?.isEmpty == false }.compactMap { $0["employeeNumber"] as? String }
            #expect(flagged == ["B2", "A3", "C1"])
            #expect(chief["B2"]?["action"] as? String == "诫勉谈话")
            #expect((chief["A3"]?["flags"] as? [[String: String]])?.first?["text"] == "有效票 8 张，其中不满意 4 张，占 50.0%，达到不满意票占 33.3% 及以上的认定标准")
            #expect(chief["A3"]?["action"] as? String == "组织处理")
            #expect(chief["A3"]?["actionReason"] as? String == "此前 3 个年度中有 2 个年度（2024、2025）被列为不满意或末位股室长")
            #expect(chief["C1"]?["action"] as? String == "离岗学习")
            #expect(chief["C1"]?["actionReason"] as? String == "本年度及上一年度（2025）均被列为不满意或末位股室长")
        }
    }
}
