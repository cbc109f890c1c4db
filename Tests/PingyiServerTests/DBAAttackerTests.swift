import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Testing

/// The database administrator as the adversary. Respondents with known identities (the test's
/// own ground truth, never read back from the database) submit ballots and star ratings through
/// HTTP, each carrying a unique marker in a comment or an unsigned clue; then the attacker, as
/// superuser, tries every linkage it can find generically from `information_schema` and the
/// system columns — while the campaigns are open and after they are counted — and the test
/// asserts that no attack links more respondents than chance.
@Suite("Anonymity against the database administrator")
struct DBAAttackerTests {
    /// One respondent's submission, as the test knows it.
    struct Truth: Sendable {
        let respondent: String
        let kind: CampaignKind
        let token: InvitationToken
        /// Chiefs (merchant) or departments (supervisor) answered.
        let targets: [String]
        /// The marker in the ballot's comment (merchant) or unsigned clue (supervisor), if any.
        let marker: String?
        /// A signed clue's marker (stored at once, with the name: not anonymous by design).
        let signedMarker: String?
        let fields: [(String, String)]
    }

    static let departments: [(code: String, name: String, chiefs: [String])] = [
        ("ZJJ", "县住房和城乡建设局", ["G0401", "G0402"]), ("JTJ", "县交通运输局", ["G0501"]), ("NYJ", "县农业农村局", ["G0601", "G0602"]),
    ]
    static let merchantCount = 24
    static let supervisorCount = 30

    /// Three more departments, 24 merchants dealing with 1–4 of the six departments, 30 supervisors.
    static func enlarge(_ fixture: CountyFixture) async throws {
        var random = SeededRandom(seed: SeededRandom.seed("dba-attacker"))
        var roster = "部门代码,部门名称,股室,工号,姓名,职务\n"
        for department in departments {
            for (index, chief) in department.chiefs.enumerated() {
                roster += "\(department.code),\(department.name),第\(index + 1)股,\(chief),股长\(chief),股长\n"
            }
        }
        var merchants = "统一社会信用代码,企业名称\n"
        var dealings = "统一社会信用代码,年度,部门代码\n"
        let codes = ["SCJG", "XZSP", "SWJ"] + departments.map(\.code)
        for index in 0..<merchantCount {
            let first17 = "91130534000" + String(100_000 + index)
            let code = first17 + String(CreditCode.checkCharacter(for: first17)!)
            merchants += "\(code),测试企业\(index)\n"
            for department in codes.shuffled(using: &random).prefix(Int.random(in: 1...4, using: &random)) {
                dealings += "\(code),2026,\(department)\n"
            }
        }
        var supervisors = "编号,姓名,类别\n"
        for index in 0..<supervisorCount { supervisors += "JX\(100 + index),监督员\(index),其他\n" }
        let store = RosterStore(pool: fixture.pool)
        _ = try await store.importRoster(RosterFormat.parse(Data(roster.utf8), file: "r.csv"), actor: "test")
        _ = try await store.importMerchants(MerchantFormat.parse(Data(merchants.utf8), file: "m.csv"), actor: "test")
        _ = try await store.importDealings(DealingFormat.parse(Data(dealings.utf8), file: "d.csv"), actor: "test")
        _ = try await store.importSupervisors(SupervisorFormat.parse(Data(supervisors.utf8), file: "s.csv"), actor: "test")
    }

    @Test("a superuser reading every table and system column links no more respondents than chance, while open and after the count")
    func attacker() async throws {
        let recorder = LogRecorder()
        var logger = recorder.logger()
        logger.logLevel = .info
        try await ServerHarness.run(logger: logger, prepare: Self.enlarge) { server in
            let connection = try server.fixture.database.connect()
            #expect(try connection.query("SHOW track_commit_timestamp")[0].decode(at: 0, as: String.self) == "on")
            let truths = try await Self.submitAll(server)
            #expect(truths.count == Self.merchantCount + 2 + Self.supervisorCount + 2)
            let markers = truths.compactMap(\.marker)
            let auditBefore = try server.fixture.count("SELECT count(*) FROM audit_log")

            // ---- While open: the box holds no readable answer, and its lengths tell nothing.
            let open = try Self.everyRow(connection)
            for marker in markers {
                #expect(!open.contains { $0.row.contains(marker) }, "marker \(marker) readable while the campaign is open")
            }
            // A readable answer whose row shares its transaction id with a claimed invitation.
            let claims = try connection.query("SELECT token_hash, xmin::text AS x FROM invitations WHERE used_on IS NOT NULL").map {
                (try $0.decode("token_hash", as: Data.self), try $0.decode("x", as: String.self))
            }
            var linkedWhileOpen = 0
            for truth in truths where truth.marker != nil {
                let xmins = Set(open.filter { $0.row.contains(truth.marker!) }.map(\.xmin))
                if claims.contains(where: { xmins.contains($0.1) && $0.0 == truth.token.hash }) { linkedWhileOpen += 1 }
            }
            print("attack (open) a readable answer in a row with its invitation's xmin: \(linkedWhileOpen) of \(markers.count) linked")
            #expect(linkedWhileOpen == 0)
            // The length attack: the long ballots' ciphertexts stand out by length, and the row
            // shares its xmin with the claimed invitation.
            // Each campaign has its one length (a campaign's own is no secret).
            let lengths = try connection.query(
                "SELECT campaign_id, count(DISTINCT octet_length(sealed)) AS n FROM ballot_box GROUP BY campaign_id ORDER BY campaign_id"
            ).map { try $0.decode("n", as: Int.self) }
            print(
                "attack (open) ciphertext length: distinct lengths per campaign \(lengths), over \(truths.count) ballots of which \(truths.count { $0.kind == .merchantReview } / 6 + 1) are long"
            )
            #expect(lengths == [1, 1], "ciphertext lengths \(lengths) tell ballots apart")
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box WHERE answers IS NOT NULL") == 0)
            // No audit row per submission.
            #expect(try server.fixture.count("SELECT count(*) FROM audit_log") == auditBefore)

            for (campaign, _) in [server.merchantReview!, server.starRating!] {
                _ = try await CampaignStore(pool: server.fixture.pool).transition(
                    id: campaign.id, to: .closed, actor: "test", key: CountyFixture.ballotKey)
            }

            // ---- After the count: every marker is somewhere (the answers were counted) …
            let rows = try Self.everyRow(connection)
            for marker in markers {
                #expect(rows.contains { $0.row.contains(marker) }, "marker \(marker) lost")
            }
            let report = try Self.attacks(connection, truths: truths, rows: rows)
            for (attack, result) in report {
                print("attack \(attack): \(result.linked) of \(result.tried) linked (chance \(String(format: "%.1f", result.chance)))")
                #expect(result.linked <= result.allowed, "\(attack): \(result.linked) of \(result.tried) linked, chance \(result.chance)")
            }
            #expect(try server.fixture.count("SELECT count(*) FROM ballot_box") == 0)
        }
        // ---- The server's log: no token, no marker, no ballot POST line at info level.
        let messages = recorder.messages
        #expect(!messages.contains { $0.contains("POST /s") || $0.contains("POST /r") })
        #expect(
            messages.allSatisfy { message in
                !message.split(whereSeparator: { " /=?".contains($0) }).contains { $0.count == 22 && InvitationToken(text: String($0)) != nil }
            })
    }

    /// What one attack achieved.
    struct Outcome {
        var tried = 0
        var linked = 0
        var chance = 0.0
        /// A margin over chance that a shuffled order reaches with probability below 1 in 1,000.
        var allowed = 0
    }

    /// Every row of every table of the public schema (partitions included), as text, with its
    /// system columns.
    struct SeenRow {
        let table: String
        let row: String
        let xmin: String
        let ctid: String
        let committed: String
    }

    static func everyRow(_ connection: Connection) throws -> [SeenRow] {
        let tables = try connection.query(
            """
            SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
            """
        ).map { try $0.decode("t", as: String.self) }
        var rows: [SeenRow] = []
        for table in tables {
            for row in try connection.query(
                """
                SELECT x::text AS row, x.xmin::text AS xmin, x.ctid::text AS ctid,
                       coalesce(pg_xact_commit_timestamp(x.xmin)::text, '') AS committed
                FROM \(identifier: table) x ORDER BY x.ctid
                """
            ).rows {
                rows.append(
                    SeenRow(
                        table: table, row: try row.decode("row"), xmin: try row.decode("xmin"), ctid: try row.decode("ctid"),
                        committed: try row.decode("committed")))
            }
        }
        return rows
    }

    /// Submits every respondent's form through HTTP, in a shuffled order (the ground truth).
    static func submitAll(_ server: ServerHarness) async throws -> [Truth] {
        var random = SeededRandom(seed: SeededRandom.seed("dba-attacker-order"))
        let connection = try server.fixture.database.connect()
        let chiefsOf = Dictionary(
            grouping: try connection.query(
                "SELECT c.employee_number AS e, s.department_code AS d FROM chiefs c JOIN sections s ON s.id = c.section_id WHERE c.active"
            ).map { (try $0.decode("e", as: String.self), try $0.decode("d", as: String.self)) }, by: \.1
        ).mapValues { $0.map(\.0).sorted() }
        var truths: [Truth] = []
        for (index, invitation) in server.merchantReview!.1.enumerated() {
            let departments = try connection.query(
                "SELECT department_code AS d FROM invitation_departments x JOIN invitations i ON i.id = x.invitation_id WHERE i.token_hash = \(invitation.token.hash)"
            ).map { try $0.decode("d", as: String.self) }
            let chiefs = departments.flatMap { chiefsOf[$0] ?? [] }.sorted()
            let marker = "MK\(UInt32.random(in: 100_000...999_999, using: &random))"
            var fields = chiefs.map { ("a.\($0).overall", ["satisfied", "basic", "unsatisfied", "unknown"].randomElement(using: &random)!) }
            // One merchant in six fills every comment box to its maxLength: the long ballots a
            // length attack would pick out among the short ones.
            let long = index % 6 == 0
            fields.append(("g.general_comment", "建议 \(marker)" + (long ? String(repeating: "长", count: 989) : "")))
            if long {
                // Each comment its own text (one text written in several boxes would show the
                // ballot's set of chiefs by its content, whatever the storage does).
                for chief in chiefs {
                    let text = "意见 \(marker) \(chief) "
                    fields.append(("a.\(chief).comment", text + String(repeating: "长", count: 300 - text.count)))
                }
            } else if let first = chiefs.first {
                fields.append(("a.\(first).comment", "意见 \(marker)"))
            }
            truths.append(
                Truth(
                    respondent: invitation.respondent.key, kind: .merchantReview, token: invitation.token, targets: chiefs, marker: marker,
                    signedMarker: nil, fields: fields))
        }
        for (index, invitation) in server.starRating!.1.enumerated() {
            let departments = try connection.query(
                "SELECT department_code AS d FROM invitation_departments x JOIN invitations i ON i.id = x.invitation_id WHERE i.token_hash = \(invitation.token.hash)"
            ).map { try $0.decode("d", as: String.self) }.sorted()
            var fields: [(String, String)] = []
            for department in departments {
                for question in ["satisfaction", "policy", "benefit"] {
                    fields.append(("a.\(department).\(question)", "\(Int.random(in: 1...5, using: &random))"))
                }
            }
            let clueDepartment = departments.randomElement(using: &random)!
            let signed = index % 4 == 3
            let marker = "CL\(UInt32.random(in: 100_000...999_999, using: &random))"
            fields.append(("a.\(clueDepartment).clue", "线索 \(marker)"))
            if signed { fields.append(("signed", "1")) }
            truths.append(
                Truth(
                    respondent: invitation.respondent.key, kind: .starRating, token: invitation.token, targets: departments,
                    marker: signed ? nil : marker, signedMarker: signed ? marker : nil, fields: fields))
        }
        truths.shuffle(using: &random)
        for truth in truths {
            let path = truth.kind == .merchantReview ? "/s" : "/r"
            let cookie = "\(truth.kind == .merchantReview ? "pingyi_s" : "pingyi_r")=\(truth.token.text)"
            let csrf = try await server.csrf(path: path, cookie: cookie)
            let response = try await server.post(path, body: ServerHarness.encode([("csrf", csrf)] + truth.fields), cookie: cookie)
            #expect(response.status == .seeOther, "\(truth.respondent): \(response.status)")
        }
        return truths
    }

    /// The attacks after the count, each with how many respondents it linked and what chance gives.
    static func attacks(_ connection: Connection, truths: [Truth], rows: [SeenRow]) throws -> [(String, Outcome)] {
        var report: [(String, Outcome)] = []
        let anonymous = truths.filter { $0.marker != nil }
        // Invitations as the attacker sees them.
        struct SeenInvitation {
            let tokenHash: Data
            let xmin: String
            let ctid: String
            let committed: String
            let usedOn: String
            let departments: Set<String>
            let campaign: Int
        }
        let invitations = try connection.query(
            """
            SELECT i.token_hash, i.xmin::text AS xmin, i.ctid::text AS ctid, coalesce(pg_xact_commit_timestamp(i.xmin)::text, '') AS committed,
                   i.used_on::text AS used_on, i.campaign_id,
                   ARRAY(SELECT x.department_code FROM invitation_departments x WHERE x.invitation_id = i.id) AS departments
            FROM invitations i WHERE i.used_on IS NOT NULL
            """
        ).map { row in
            SeenInvitation(
                tokenHash: try row.decode("token_hash"), xmin: try row.decode("xmin"), ctid: try row.decode("ctid"),
                committed: try row.decode("committed"), usedOn: try row.decode("used_on"),
                departments: Set(try row.decode("departments", as: [String].self)), campaign: try row.decode("campaign_id"))
        }
        func truth(of invitation: SeenInvitation) -> Truth? { truths.first { $0.token.hash == invitation.tokenHash } }
        func holder(_ marker: String) -> [SeenRow] { rows.filter { $0.table != "invitations" && $0.row.contains(marker) } }

        // 1. Equal transaction ids (or commit times, or days) between a row holding a marker and an invitation.
        for (name, key) in [("xmin", \SeenRow.xmin), ("commit timestamp", \SeenRow.committed)] {
            var outcome = Outcome()
            let invitationKey: KeyPath<SeenInvitation, String> = name == "xmin" ? \.xmin : \.committed
            for respondent in anonymous {
                outcome.tried += 1
                let values = Set(holder(respondent.marker!).map { $0[keyPath: key] })
                let candidates = invitations.filter { values.contains($0[keyPath: invitationKey]) && !$0[keyPath: invitationKey].isEmpty }
                outcome.chance += 1 / Double(invitations.filter { truth(of: $0)?.kind == respondent.kind }.count)
                if candidates.count == 1, truth(of: candidates[0])?.respondent == respondent.respondent { outcome.linked += 1 }
            }
            outcome.allowed = Int(outcome.chance.rounded(.up)) + 1
            report.append(("equal \(name) with an invitation", outcome))
        }
        var days = Outcome()
        let usedDays = Set(invitations.map(\.usedOn))
        days.tried = invitations.count
        days.linked = usedDays.count > 1 ? invitations.count : 0  // with one day for all, a day links nobody
        days.allowed = 0
        report.append(("day of use", days))

        // 2. A shared id column that rebuilds one ballot's set of chiefs or departments, matched
        //    against the department lists of the used invitations.
        let chiefDepartment = Dictionary(
            uniqueKeysWithValues: try connection.query(
                "SELECT c.employee_number AS e, s.department_code AS d FROM chiefs c JOIN sections s ON s.id = c.section_id"
            ).map { (try $0.decode("e", as: String.self), try $0.decode("d", as: String.self)) })
        let columns = try connection.query(
            """
            SELECT c.relname AS t, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relname NOT IN ('invitations', 'invitation_departments', 'chiefs', 'sections', 'departments', 'merchants',
                                    'merchant_dealings', 'supervisors', 'audit_log', 'schema_migrations')
            """
        ).map { (try $0.decode("t", as: String.self), try $0.decode("col", as: String.self), try $0.decode("type", as: String.self)) }
        let targetColumns = Set(columns.filter { ["employee_number", "department_code", "target"].contains($0.1) }.map { "\($0.0).\($0.1)" })
        var rebuild = Outcome()
        rebuild.tried = anonymous.count
        for (table, column, type) in columns
        where ["uuid", "bigint", "integer", "text"].contains(type) && column != "campaign_id" && !targetColumns.contains("\(table).\(column)") {
            guard let target = columns.first(where: { $0.0 == table && targetColumns.contains("\($0.0).\($0.1)") })?.1 else { continue }
            let groups = try connection.query(
                """
                SELECT array_agg(DISTINCT \(identifier: target)::text) AS targets FROM \(identifier: table)
                WHERE \(identifier: target) IS NOT NULL GROUP BY \(identifier: column)::text HAVING count(*) > 1
                """
            ).map { try $0.decode("targets", as: [String].self) }
            for targets in groups {
                let departments = Set(targets.map { chiefDepartment[$0] ?? $0 })
                let candidates = invitations.filter { $0.departments == departments }
                if candidates.count == 1, let respondent = truth(of: candidates[0]), Set(respondent.targets) == Set(targets) {
                    rebuild.linked += 1
                }
            }
        }
        rebuild.chance = Double(anonymous.count) / Double(max(invitations.count, 1))
        rebuild.allowed = Int(rebuild.chance.rounded(.up))
        report.append(("a shared column rebuilding a ballot's set", rebuild))

        // 3. Order: rows holding markers in physical, xid or commit-time order against the order of
        //    submission; and the used invitations' order laid against the rows' order.
        let submitted = Dictionary(uniqueKeysWithValues: anonymous.enumerated().map { ($1.marker!, $0) })
        for table in Set(rows.filter { row in submitted.keys.contains { row.row.contains($0) } }.map(\.table)) {
            let holding = rows.filter { $0.table == table }.compactMap { row -> (SeenRow, Int)? in
                guard let marker = submitted.keys.first(where: { row.row.contains($0) }) else { return nil }
                return (row, submitted[marker]!)
            }
            guard holding.count >= 16 else { continue }
            // Under a random order τ is about normal with this standard deviation; four of them
            // happen by chance with probability below 1 in 10,000 (an unshuffled order gives τ ≈ 1).
            let n = Double(holding.count)
            let threshold = 4 * (2 * (2 * n + 5) / (9 * n * (n - 1))).squareRoot()
            for (name, order) in [
                ("physical order", { (a: SeenRow, b: SeenRow) in Self.ctidLess(a.ctid, b.ctid) }),
                ("xmin order", { (a: SeenRow, b: SeenRow) in (UInt64(a.xmin) ?? 0) < (UInt64(b.xmin) ?? 0) }),
                ("commit-time order", { (a: SeenRow, b: SeenRow) in a.committed < b.committed }),
            ] {
                let tau = Self.kendallTau(holding.map { ($0.0, $0.1) }, by: order)
                var outcome = Outcome()
                outcome.tried = holding.count
                outcome.linked = abs(tau) >= threshold ? holding.count : 0
                outcome.chance = 0
                report.append(
                    ("\(name) of \(table) (τ = \(String(format: "%.2f", tau)), chance bound \(String(format: "%.2f", threshold)))", outcome))
            }
            // Line the used invitations up against the rows, position by position.
            let kind = anonymous.first { $0.marker.map { m in holding.contains { $0.0.row.contains(m) } } ?? false }?.kind
            let lined = invitations.filter { truth(of: $0)?.kind == kind }.sorted { Self.ctidLess($0.ctid, $1.ctid) }
            let inRowOrder = holding.sorted { Self.ctidLess($0.0.ctid, $1.0.ctid) }
            var outcome = Outcome()
            outcome.tried = min(lined.count, inRowOrder.count)
            for (invitation, row) in zip(lined, inRowOrder) where truth(of: invitation)?.marker.map({ row.0.row.contains($0) }) == true {
                outcome.linked += 1
            }
            outcome.chance = 1
            outcome.allowed = 7  // a random order puts 8 or more in place with probability below 1 in 10,000
            report.append(("invitations lined up with \(table) by physical order", outcome))
        }
        return report
    }

    static func ctidLess(_ a: String, _ b: String) -> Bool {
        func parts(_ text: String) -> (Int, Int) {
            let numbers = text.trimmingCharacters(in: CharacterSet(charactersIn: "()")).split(separator: ",").compactMap { Int($0) }
            return (numbers.first ?? 0, numbers.last ?? 0)
        }
        return parts(a) < parts(b)
    }

    /// Kendall's τ between the order `by` puts the rows in and the order of submission; ties
    /// (rows the order cannot tell apart) count as neither agreeing nor disagreeing.
    static func kendallTau(_ rows: [(SeenRow, Int)], by less: (SeenRow, SeenRow) -> Bool) -> Double {
        var concordant = 0
        var discordant = 0
        for i in rows.indices {
            for j in rows.indices where j > i {
                let (a, sa) = rows[i]
                let (b, sb) = rows[j]
                let byOrder = less(a, b) ? 1 : less(b, a) ? -1 : 0
                let bySubmission = sa < sb ? 1 : sa > sb ? -1 : 0
                if byOrder == 0 || bySubmission == 0 { continue }
                if byOrder == bySubmission { concordant += 1 } else { discordant += 1 }
            }
        }
        let pairs = rows.count * (rows.count - 1) / 2
        return pairs == 0 ? 0 : Double(concordant - discordant) / Double(pairs)
    }
}
