import Foundation
import PingyiCore
import PingyiPostgres

/// One-time invitations: issued per eligible respondent, stored only as SHA-256 hashes.
public struct InvitationStore: Sendable {
    /// Which respondents get a new invitation in place of an unused one.
    public enum Reissue: Sendable, Hashable {
        /// None: only respondents without a valid invitation get one.
        case none
        /// Every respondent whose invitation is unused (it is revoked and replaced).
        case all
        /// These respondents (by credit code or supervisor number), if their invitation is unused.
        case respondents([String])
    }

    /// What an issue run did.
    public struct IssueResult: Sendable {
        /// The new invitations, tokens in clear (to be written out once, never stored).
        public var issued: [IssuedInvitation]
        /// How many unused invitations were revoked.
        public var revoked: Int
    }

    let pool: ConnectionPool

    /// What the audit log keeps of an issue: counts, and for a reissue the reason and the links
    /// revoked per department (never who).
    struct IssueAudit: Encodable {
        let issued: Int
        let revoked: Int
        let reason: String?
        let revokedByDepartment: [String: Int]?
    }

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Issues an invitation to every eligible respondent of the campaign who has no valid one
    /// (merchant review: each merchant with dealings in the campaign's year, its form listing
    /// those departments; star rating: each active supervisor, with `departments` or every
    /// active department). A respondent whose invitation was used never gets another.
    ///
    /// `deliver` receives the new invitations inside the transaction, before it commits: when
    /// it throws (the CSV could not be written), nothing is stored and no token is lost.
    ///
    /// Revoking unused links (`reissue`) lets whoever holds the new file answer in those
    /// respondents' place, so it needs a `reason`; the audit entry keeps it with the number of
    /// links revoked per department.
    public func issue(
        campaignID: Int, codeKey: InvitationCodeKey, reissue: Reissue = .none, reason: String? = nil, departments: [String]? = nil,
        actor: String,
        deliver: @escaping @Sendable ([IssuedInvitation]) throws -> Void = { _ in }
    ) async throws -> IssueResult {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if case .none = reissue {} else if reason.isEmpty { throw CampaignError.reissueNeedsReason }
        return try await pool.transaction { connection in
            guard
                let row = try connection.query("SELECT \(unescaped: CampaignStore.columns) FROM campaigns WHERE id = \(campaignID) FOR UPDATE").first
            else { throw CampaignError.notFound(campaignID) }
            let campaign = try CampaignStore.decode(row)
            guard campaign.state.acceptsInvitations else {
                throw CampaignError.notAcceptingInvitations(id: campaignID, state: campaign.state)
            }
            let revoked = try InvitationStore.revoke(reissue, campaign: campaign, on: connection)
            let pending: [(Respondent, String, String?, String?, [String])]
            switch campaign.kind {
            case .merchantReview:
                pending = try InvitationStore.pendingMerchants(campaign, on: connection)
            case .starRating:
                let list = try InvitationStore.starRatingDepartments(departments, on: connection)
                pending = try InvitationStore.pendingSupervisors(campaign, on: connection).map { ($0.0, $0.1, nil, $0.2, list) }
            }
            var names: [String: String] = [:]
            for row in try connection.query("SELECT code, name FROM departments").rows { names[try row.decode("code")] = try row.decode("name") }
            let issued = pending.map { respondent, name, contact, phone, departments in
                var invitation = IssuedInvitation(
                    respondent: respondent, name: name, contactPerson: contact, phone: phone, departments: departments, token: .random())
                invitation.departmentNames = departments.map { names[$0] ?? $0 }
                return invitation
            }
            try InvitationStore.insert(issued, campaign: campaign, codeKey: codeKey, on: connection)
            // Revoked in this transaction: now() is its start time.
            let byDepartment =
                revoked == 0
                ? [:]
                : Dictionary(
                    uniqueKeysWithValues: try connection.query(
                        """
                        SELECT x.department_code AS d, count(*) AS n FROM invitations i JOIN invitation_departments x ON x.invitation_id = i.id
                        WHERE i.campaign_id = \(campaignID) AND i.revoked_at = now() GROUP BY x.department_code
                        """
                    ).map { (try $0.decode("d", as: String.self), try $0.decode("n", as: Int.self)) })
            let after = IssueAudit(
                issued: issued.count, revoked: revoked, reason: reason.isEmpty ? nil : reason,
                revokedByDepartment: revoked == 0 ? nil : byDepartment)
            try AuditLog.record(
                AuditEntry(actor: actor, action: "invitations.issue", subject: "campaign \(campaignID)", afterJSON: AuditLog.json(after)),
                on: connection)
            try deliver(issued)
            return IssueResult(issued: issued, revoked: revoked)
        }
    }

    /// Which of `tokens` open an invitation of the campaign that is still unused and not revoked
    /// (looked up by their hashes): those a reminder may go to.
    public func unanswered(_ tokens: [InvitationToken], campaignID: Int) async throws -> Set<InvitationToken> {
        let hashes = tokens.map { $0.hash.hex }
        let open = try await pool.withConnection { connection in
            Set(
                try connection.query(
                    """
                    SELECT encode(token_hash, 'hex') AS hash FROM invitations
                    WHERE campaign_id = \(campaignID) AND used_on IS NULL AND revoked_at IS NULL
                      AND token_hash = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(\(hashes)::text[]) AS h))
                    """
                ).map { try $0.decode("hash", as: String.self) })
        }
        return Set(zip(tokens, hashes).filter { open.contains($0.1) }.map(\.0))
    }

    /// Which of `codes` are stored (by their HMAC under `codeKey`): invitations issued since typed
    /// codes exist, whose letters may print the code.
    public func knownCodes(_ codes: [InvitationCode], codeKey: InvitationCodeKey) async throws -> Set<InvitationCode> {
        let hashes = codes.map { codeKey.mac($0).hex }
        let known = try await pool.withConnection { connection in
            Set(
                try connection.query(
                    """
                    SELECT encode(code_hash, 'hex') AS hash FROM invitations
                    WHERE code_hash = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(\(hashes)::text[]) AS h))
                    """
                ).map { try $0.decode("hash", as: String.self) })
        }
        return Set(zip(codes, hashes).filter { known.contains($0.1) }.map(\.0))
    }

    /// Issued / used / revoked counts and the response rate by department — never who.
    public func status(campaignID: Int) async throws -> InvitationStatus {
        try await pool.withConnection { connection in
            guard try connection.query("SELECT 1 FROM campaigns WHERE id = \(campaignID)").count == 1 else {
                throw CampaignError.notFound(campaignID)
            }
            let totals = try connection.query(
                """
                SELECT count(*) FILTER (WHERE revoked_at IS NULL) AS issued,
                       count(*) FILTER (WHERE used_on IS NOT NULL) AS used,
                       count(*) FILTER (WHERE revoked_at IS NOT NULL) AS revoked
                FROM invitations WHERE campaign_id = \(campaignID)
                """)[0]
            let departments = try connection.query(
                """
                SELECT d.code, d.name,
                       count(*) FILTER (WHERE i.revoked_at IS NULL) AS issued,
                       count(*) FILTER (WHERE i.used_on IS NOT NULL) AS used
                FROM invitation_departments x
                JOIN invitations i ON i.id = x.invitation_id
                JOIN departments d ON d.code = x.department_code
                WHERE i.campaign_id = \(campaignID)
                GROUP BY d.code, d.name
                ORDER BY d.code
                """
            ).map { row in
                InvitationStatus.DepartmentLine(
                    code: try row.decode("code"), name: try row.decode("name"),
                    issued: try row.decode("issued"), used: try row.decode("used"))
            }
            return InvitationStatus(
                issued: try totals.decode("issued"), used: try totals.decode("used"), revoked: try totals.decode("revoked"),
                departments: departments)
        }
    }

    /// How many respondents the campaign could invite at all: merchants with dealings in its
    /// year with an active department (merchant review), or active supervisors (star rating).
    public func eligibleRespondents(campaignID: Int) async throws -> Int {
        try await pool.withConnection { connection in
            guard let row = try connection.query("SELECT year, kind FROM campaigns WHERE id = \(campaignID)").first else {
                throw CampaignError.notFound(campaignID)
            }
            let year: Int = try row.decode("year")
            if try row.decode("kind", as: String.self) == CampaignKind.starRating.rawValue {
                return try connection.query("SELECT count(*) AS n FROM supervisors WHERE active")[0].decode("n")
            }
            return try connection.query(
                """
                SELECT count(DISTINCT d.credit_code) AS n FROM merchant_dealings d
                JOIN departments dep ON dep.code = d.department_code AND dep.active WHERE d.year = \(year)
                """)[0].decode("n")
        }
    }

    /// The campaign's reissues (links revoked and issued anew), oldest first: who, when, how
    /// many, and why — from the audit log.
    public func reissues(campaignID: Int) async throws -> [Reissued] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT actor, to_char(at, 'YYYY-MM-DD HH24:MI') AS at, (after ->> 'revoked')::int AS revoked, coalesce(after ->> 'reason', '') AS reason
                FROM audit_log
                WHERE action = 'invitations.issue' AND subject = \("campaign \(campaignID)") AND (after ->> 'revoked')::int > 0
                ORDER BY at
                """
            ).map { row in
                Reissued(
                    actor: try row.decode("actor"), at: try row.decode("at"), revoked: try row.decode("revoked"), reason: try row.decode("reason"))
            }
        }
    }

    /// The respondent of the first unused invitation of a campaign (by key), for the demo's sample link.
    public func firstUnusedRespondent(campaignID: Int) async throws -> String? {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT coalesce(merchant_credit_code, supervisor_code) AS respondent FROM invitations
                WHERE campaign_id = \(campaignID) AND revoked_at IS NULL AND used_on IS NULL
                ORDER BY 1 LIMIT 1
                """
            ).first?.decode("respondent")
        }
    }

    static func revoke(_ reissue: Reissue, campaign: Campaign, on connection: Connection) throws -> Int {
        let keys: [String]?
        switch reissue {
        case .none: return 0
        case .all: keys = nil
        case .respondents(let list): keys = list
        }
        return try connection.query(
            """
            UPDATE invitations SET revoked_at = now()
            WHERE campaign_id = \(campaign.id) AND revoked_at IS NULL AND used_on IS NULL
              AND (\(keys)::text[] IS NULL OR coalesce(merchant_credit_code, supervisor_code) = ANY(\(keys)::text[]))
            """
        ).affectedRows
    }

    static func pendingMerchants(_ campaign: Campaign, on connection: Connection) throws -> [(Respondent, String, String?, String?, [String])] {
        try connection.query(
            """
            SELECT m.credit_code, m.name, m.contact_person, m.contact_phone,
                   array_agg(DISTINCT d.department_code ORDER BY d.department_code) AS departments
            FROM merchants m
            JOIN merchant_dealings d ON d.credit_code = m.credit_code AND d.year = \(campaign.year)
            JOIN departments dep ON dep.code = d.department_code AND dep.active
            WHERE NOT EXISTS (
                SELECT 1 FROM invitations i
                WHERE i.campaign_id = \(campaign.id) AND i.merchant_credit_code = m.credit_code AND i.revoked_at IS NULL)
            GROUP BY m.credit_code, m.name, m.contact_person, m.contact_phone
            ORDER BY m.credit_code
            """
        ).map { row in
            let code = try CreditCode(validating: try row.decode("credit_code"))
            return (
                .merchant(code), try row.decode("name"), try row.decode("contact_person"), try row.decode("contact_phone"),
                try row.decode("departments")
            )
        }
    }

    static func pendingSupervisors(_ campaign: Campaign, on connection: Connection) throws -> [(Respondent, String, String?)] {
        try connection.query(
            """
            SELECT s.code, s.name, s.phone FROM supervisors s
            WHERE s.active AND NOT EXISTS (
                SELECT 1 FROM invitations i
                WHERE i.campaign_id = \(campaign.id) AND i.supervisor_code = s.code AND i.revoked_at IS NULL)
            ORDER BY s.code
            """
        ).map { row in
            (.supervisor(code: try row.decode("code")), try row.decode("name"), try row.decode("phone"))
        }
    }

    /// The departments a star rating lists: the given ones (each must exist and be active), or all active ones.
    static func starRatingDepartments(_ requested: [String]?, on connection: Connection) throws -> [String] {
        let active = try connection.query("SELECT code FROM departments WHERE active ORDER BY code").map { try $0.decode("code", as: String.self) }
        guard let requested else { return active }
        let unknown = requested.filter { !active.contains($0) }
        guard unknown.isEmpty else { throw CampaignError.unknownDepartments(unknown) }
        return Array(Set(requested)).sorted()
    }

    static func insert(_ issued: [IssuedInvitation], campaign: Campaign, codeKey: InvitationCodeKey, on connection: Connection) throws {
        guard !issued.isEmpty else { return }
        var merchants: [String?] = []
        var supervisors: [String?] = []
        for invitation in issued {
            switch invitation.respondent {
            case .merchant(let code):
                merchants.append(code.value)
                supervisors.append(nil)
            case .supervisor(let code):
                merchants.append(nil)
                supervisors.append(code)
            }
        }
        let hashes = issued.map { $0.token.hash.hex }
        let codeHashes = issued.map { codeKey.mac(InvitationCode(token: $0.token)).hex }
        var idOfHash: [String: Int] = [:]
        for row in try connection.query(
            """
            INSERT INTO invitations (campaign_id, token_hash, code_hash, merchant_credit_code, supervisor_code)
            SELECT \(campaign.id), decode(t.hash, 'hex'), decode(t.code, 'hex'), t.merchant, t.supervisor
            FROM unnest(\(hashes)::text[], \(codeHashes)::text[], \(PostgresNullableArray(merchants))::text[],
                        \(PostgresNullableArray(supervisors))::text[])
                 AS t(hash, code, merchant, supervisor)
            RETURNING id, encode(token_hash, 'hex') AS hash
            """
        ).rows {
            idOfHash[try row.decode("hash")] = try row.decode("id")
        }
        var invitationIDs: [Int] = []
        var departmentCodes: [String] = []
        for (hash, invitation) in zip(hashes, issued) {
            guard let id = idOfHash[hash] else { continue }
            for code in invitation.departments {
                invitationIDs.append(id)
                departmentCodes.append(code)
            }
        }
        try connection.query(
            """
            INSERT INTO invitation_departments (invitation_id, department_code)
            SELECT * FROM unnest(\(invitationIDs)::bigint[], \(departmentCodes)::text[])
            """)
    }

    /// Records that reminders (or letters, or an SMS file) were made for a campaign: the count
    /// and the form only, never who (a reminder list is the list of those who have not answered).
    public func recordOutreach(campaignID: Int, kind: String, count: Int, actor: String) async throws {
        try await pool.withConnection { connection in
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "invitations.\(kind)", subject: "campaign \(campaignID)", afterJSON: AuditLog.json(["count": count])),
                on: connection)
        }
    }

    /// Answers per day of an open campaign (its invitations' day of use), for the whole
    /// campaign: never per department, and after the count every used invitation carries the
    /// close day, so this is only meaningful while the campaign is open.
    public func dailyUses(campaignID: Int) async throws -> [(day: CivilDate, count: Int)] {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT used_on::text AS day, count(*) AS n FROM invitations
                WHERE campaign_id = \(campaignID) AND used_on IS NOT NULL GROUP BY used_on ORDER BY used_on
                """
            ).map { row in
                (CivilDate(parsing: try row.decode("day")) ?? CivilDate(year: 2000, month: 1, day: 1)!, try row.decode("n", as: Int.self))
            }
        }
    }
}
