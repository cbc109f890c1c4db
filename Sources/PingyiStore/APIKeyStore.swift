import Foundation
import PingyiCore
import PingyiPostgres

/// API keys: made (the secret shown once), listed, revoked, and checked on every API request.
public struct APIKeyStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Makes a key; returns its record and the secret, which is stored nowhere.
    public func create(role: APIRole, name: String, actor: String) async throws -> (APIKey, String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count) else { throw APIKeyError.badName }
        guard APIRole.forKeys.contains(role) else { throw APIKeyError.consoleOnlyRole }
        let secret = APIKey.newSecret()
        let prefix = String(secret.prefix(10))
        let key = try await pool.transaction { connection in
            let id: Int = try connection.query(
                """
                INSERT INTO api_keys (name, role, key_hash, prefix, created_by)
                VALUES (\(trimmed), \(role.rawValue), \(APIKey.hash(of: secret)), \(prefix), \(actor)) RETURNING id
                """)[0].decode("id")
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "apikey.create", subject: "api key \(id)",
                    afterJSON: AuditLog.json(["name": trimmed, "role": role.rawValue, "prefix": prefix])),
                on: connection)
            return APIKey(id: id, name: trimmed, role: role, prefix: prefix, revoked: false)
        }
        return (key, secret)
    }

    /// Every key, newest first.
    public func list() async throws -> [APIKey] {
        try await pool.withConnection { connection in
            try connection.query("SELECT id, name, role, prefix, revoked_at IS NOT NULL AS revoked FROM api_keys ORDER BY id DESC")
                .map(APIKeyStore.decode)
        }
    }

    /// Revokes a key; it opens nothing afterwards.
    public func revoke(id: Int, actor: String) async throws -> APIKey {
        try await pool.transaction { connection in
            guard
                let row = try connection.query(
                    """
                    UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = \(id)
                    RETURNING id, name, role, prefix, true AS revoked
                    """
                ).first
            else { throw APIKeyError.notFound(id) }
            try AuditLog.record(AuditEntry(actor: actor, action: "apikey.revoke", subject: "api key \(id)"), on: connection)
            return try APIKeyStore.decode(row)
        }
    }

    /// The valid key whose secret this is, or `nil`.
    public func authenticate(secret: String) async throws -> APIKey? {
        guard secret.hasPrefix("pyk_"), secret.utf8.count <= 100 else { return nil }
        let hash = APIKey.hash(of: secret)
        return try await pool.withConnection { connection in
            try connection.query(
                "SELECT id, name, role, prefix, false AS revoked FROM api_keys WHERE key_hash = \(hash) AND revoked_at IS NULL"
            ).first.map(APIKeyStore.decode)
        }
    }

    static func decode(_ row: Row) throws -> APIKey {
        APIKey(
            id: try row.decode("id"), name: try row.decode("name"), role: APIRole(rawValue: try row.decode("role")) ?? .hr,
            prefix: try row.decode("prefix"), revoked: try row.decode("revoked"))
    }
}
