import Foundation
import PingyiCore
import PingyiDemo
import PingyiPostgres
import PingyiTestSupport
import Testing

@Suite("Demo county")
struct DemoCountyTests {
    /// The demo county on `pool`, its files from the checkout, its links and keys in `out`.
    static func demo(_ pool: ConnectionPool, out: String) -> DemoCounty {
        DemoCounty(
            pool: pool, directory: CountyFixture.repository.appendingPathComponent("demo").path, out: out, publicURL: "http://127.0.0.1:8080",
            actor: "test", bcryptCost: 4, codeKey: CountyFixture.codeKey,
            files: { CountyFixture.repository.appendingPathComponent($0).path }, report: { _ in })
    }

    /// One value of the test's database.
    static func value<T: PostgresDecodable>(_ query: Query, in database: TestDatabase, as: T.Type = Int.self) throws -> T {
        try database.connect().query(query)[0].decode(at: 0)
    }

    /// The counts README's demo section gives: departments, sections, chiefs, merchants,
    /// supervisors and the ledger's problems.
    static func documented() throws -> [Int] {
        let readme = try String(contentsOf: CountyFixture.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## The demo county").dropFirst().first)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let roster = try #require(
            section.firstMatch(
                of: /(\d+) enterprise-facing departments, (\d+) sections, (\d+) chiefs, (\d+) merchants .*?, (\d+) special supervisors/))
        let ledger = try #require(section.firstMatch(of: /\((\d+) problems across/))
        return [roster.output.1, roster.output.2, roster.output.3, roster.output.4, roster.output.5, ledger.output.1].compactMap { Int($0) }
    }

    @Test(
        "seeding a fresh database gives README's county (departments, sections, chiefs, merchants, supervisors, problems), the accounts demo, zuzhibu, renshi and a liaison per department, two open campaigns"
    )
    func seeded() async throws {
        let documented = try Self.documented()
        #expect(documented.count == 6)
        try await TestDatabase.withMigrated { database in
            let out = NSTemporaryDirectory() + "pingyi-demo-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: out) }
            let pool = database.makePool(maxConnections: 2)
            let outcome: DemoCounty.Outcome
            do {
                outcome = try await Self.demo(pool, out: out).run()
                await pool.shutdown()
            } catch {
                await pool.shutdown()
                throw error
            }
            let counts = try ["departments", "sections", "chiefs", "merchants", "supervisors", "problems"].map { table in
                try Self.value("SELECT count(*) FROM \(identifier: table)", in: database)
            }
            #expect(counts == documented)
            #expect(outcome.county.departments.count == documented.first)
            let logins = try database.connect().query("SELECT login FROM staff WHERE department_code IS NULL ORDER BY login").map {
                try $0.decode(at: 0, as: String.self)
            }
            #expect(logins == [DemoCounty.adminLogin, DemoCounty.hrLogin, DemoCounty.orgdeptLogin].sorted())
            #expect(logins == ["demo", "renshi", "zuzhibu"])
            let liaisons = try Self.value("SELECT count(*) FROM staff WHERE login LIKE 'dept-%' AND department_code IS NOT NULL", in: database)
            #expect(liaisons == documented.first)
            #expect(outcome.openCampaigns.map(\.campaign.kind) == CampaignKind.allCases && outcome.samples.count == 2)
            #expect(outcome.previousYear.year == 2025)
            let published = try Self.value(
                "SELECT string_agg(year::text, ',' ORDER BY year) FROM appraisal_years WHERE published_at IS NOT NULL", in: database, as: String.self)
            #expect(published == "2024,2025")
            // Its files: a private ballot key per open campaign, a printable letter per sample link.
            for (_, keyPath) in outcome.openCampaigns { #expect(FileManager.default.fileExists(atPath: keyPath)) }
            let letters = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("letter-sample-campaign") }
            #expect(letters.count == 2)
        }
    }

    @Test("a database holding a department the demo files do not have is refused, nothing written")
    func foreignDataRefused() async throws {
        try await TestDatabase.withMigrated { database in
            _ = try database.connect().query("INSERT INTO departments (code, name) VALUES ('ZZZ', '县真实局')")
            let pool = database.makePool(maxConnections: 1)
            await #expect(throws: (any Error).self) { try await Self.demo(pool, out: NSTemporaryDirectory() + "pingyi-demo-refused").run() }
            await pool.shutdown()
            #expect(try Self.value("SELECT count(*) FROM departments", in: database) == 1)
            #expect(try Self.value("SELECT count(*) FROM staff", in: database) == 0)
        }
    }
}
