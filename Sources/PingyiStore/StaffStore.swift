import Foundation
import PingyiCore
import PingyiPostgres

/// Staff accounts and their console sessions. Passwords arrive already hashed (bcrypt, done by
/// the caller off the event loops); sessions are stored by the SHA-256 of their cookie.
public struct StaffStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    static let columns = "id, login, name, role, must_change_password, department_code"

    /// Creates an account; its initial password must be changed at first sign-in unless
    /// `mustChangePassword` is false (the demo county's published accounts). A 部门联络员 needs
    /// its department (an active one), and only it has one.
    public func create(
        login: String, name: String, role: APIRole, department: String? = nil, passwordHash: String, mustChangePassword: Bool = true,
        actor: String
    ) async throws -> StaffMember {
        let department = department.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        guard (role == .department) == (department != nil) else { throw StaffError.departmentRequired }
        return try await pool.transaction { connection in
            if let department, try connection.query("SELECT 1 FROM departments WHERE code = \(department) AND active").count == 0 {
                throw StaffError.unknownDepartment(department)
            }
            let row: Row
            do {
                row = try connection.query(
                    """
                    INSERT INTO staff (login, name, role, department_code, password_hash, must_change_password)
                    VALUES (\(login), \(name), \(role.rawValue), \(department), \(passwordHash), \(mustChangePassword))
                    RETURNING \(unescaped: StaffStore.columns)
                    """)[0]
            } catch let error as PostgresError where error.code == .uniqueViolation {
                throw StaffError.loginTaken(login)
            } catch let error as PostgresError where error.code == .checkViolation {
                throw StaffError.badAccount
            }
            let member = try StaffStore.decode(row)
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "staff.create", subject: "staff \(login)",
                    afterJSON: AuditLog.json(["role": role.rawValue, "name": name, "department": department ?? ""])),
                on: connection)
            return member
        }
    }

    /// The active account of a login with its password hash, for signing in.
    public func credentials(login: String) async throws -> (StaffMember, String)? {
        try await pool.withConnection { connection in
            try connection.query("SELECT \(unescaped: StaffStore.columns), password_hash FROM staff WHERE login = \(login) AND active").first.map {
                (try StaffStore.decode($0), try $0.decode("password_hash", as: String.self))
            }
        }
    }

    /// Starts a session for `member` lasting `lifetime`; records the sign-in in the audit log.
    public func startSession(for member: StaffMember, tokenHash: Data, lifetime: Duration, address: String) async throws {
        let seconds = Int(lifetime.components.seconds)
        try await pool.transaction { connection in
            try connection.query("DELETE FROM staff_sessions WHERE expires_at < now()")
            try connection.query(
                """
                INSERT INTO staff_sessions (token_hash, staff_id, expires_at)
                VALUES (\(tokenHash), \(member.id), now() + make_interval(secs => \(seconds)))
                """)
            try AuditLog.record(
                AuditEntry(
                    actor: "staff:\(member.login)", action: "staff.signin", subject: "staff \(member.login)",
                    afterJSON: AuditLog.json(["address": address])),
                on: connection)
        }
    }

    /// The member of a live session, or `nil`.
    public func member(sessionHash: Data) async throws -> StaffMember? {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT s.id, s.login, s.name, s.role, s.must_change_password, s.department_code
                FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
                WHERE x.token_hash = \(sessionHash) AND x.expires_at > now() AND s.active
                """
            ).first.map(StaffStore.decode)
        }
    }

    /// Ends a session.
    public func endSession(sessionHash: Data) async throws {
        _ = try await pool.withConnection { connection in try connection.query("DELETE FROM staff_sessions WHERE token_hash = \(sessionHash)") }
    }

    /// The password hash of an active account, for checking its current password.
    public func passwordHash(memberID: Int) async throws -> String? {
        try await pool.withConnection { connection in
            try connection.query("SELECT password_hash FROM staff WHERE id = \(memberID) AND active").first.map { try $0.decode("password_hash") }
        }
    }

    /// Sets a new password (already hashed); the account no longer has to change it, and every
    /// other session of the account ends (the one in `keeping` stays).
    public func changePassword(memberID: Int, passwordHash: String, keeping sessionHash: Data, actor: String) async throws {
        try await pool.transaction { connection in
            try connection.query("DELETE FROM staff_sessions WHERE staff_id = \(memberID) AND token_hash <> \(sessionHash)")
            try connection.query("UPDATE staff SET password_hash = \(passwordHash), must_change_password = false WHERE id = \(memberID)")
            try AuditLog.record(AuditEntry(actor: actor, action: "staff.password", subject: "staff \(memberID)"), on: connection)
        }
    }

    /// Every account with whether it is active, by login.
    public func list() async throws -> [(member: StaffMember, active: Bool)] {
        try await pool.withConnection { connection in
            try connection.query("SELECT \(unescaped: StaffStore.columns), active FROM staff ORDER BY login").map {
                (try StaffStore.decode($0), try $0.decode("active", as: Bool.self))
            }
        }
    }

    /// Disables or enables an account; disabling ends its sessions. Audited.
    public func setActive(login: String, active: Bool, actor: String) async throws {
        try await pool.transaction { connection in
            guard let id: Int = try connection.query("UPDATE staff SET active = \(active) WHERE login = \(login) RETURNING id").first?.decode("id")
            else { throw StaffError.notFound(login) }
            if !active { try connection.query("DELETE FROM staff_sessions WHERE staff_id = \(id)") }
            try AuditLog.record(
                AuditEntry(actor: actor, action: active ? "staff.enable" : "staff.disable", subject: "staff \(login)"), on: connection)
        }
    }

    /// Sets a new initial password (already hashed) that must be changed at the next sign-in, and
    /// ends the account's sessions. Audited.
    public func resetPassword(login: String, passwordHash: String, actor: String) async throws {
        try await pool.transaction { connection in
            guard
                let id: Int = try connection.query(
                    "UPDATE staff SET password_hash = \(passwordHash), must_change_password = true WHERE login = \(login) RETURNING id"
                ).first?.decode("id")
            else { throw StaffError.notFound(login) }
            try connection.query("DELETE FROM staff_sessions WHERE staff_id = \(id)")
            try AuditLog.record(AuditEntry(actor: actor, action: "staff.reset-password", subject: "staff \(login)"), on: connection)
        }
    }

    static func decode(_ row: Row) throws -> StaffMember {
        StaffMember(
            id: try row.decode("id"), login: try row.decode("login"), name: try row.decode("name"),
            role: APIRole(rawValue: try row.decode("role")) ?? .hr, mustChangePassword: try row.decode("must_change_password"),
            departmentCode: try row.decode("department_code"))
    }
}
