import Foundation
import PingyiCore
import PingyiPostgres

/// The county's identity (`county_identity`, one row or none), and with `cache` a server's copy
/// of it kept up to date.
public struct CountyIdentityStore: Sendable {
    let pool: ConnectionPool
    /// The server's copy, set by every read and save of this store.
    public let cache: CountyIdentityCache?
    /// How long a server's copy is trusted before it is read again.
    public static let freshness: Duration = .seconds(15)

    /// Uses the given pool; with `cache`, keeps it up to date.
    public init(pool: ConnectionPool, cache: CountyIdentityCache? = nil) {
        self.pool = pool
        self.cache = cache
    }

    /// The stored identity, or `.unset`.
    public func load() async throws -> CountyIdentity {
        let identity = try await pool.withConnection { connection in
            try connection.query(
                "SELECT county_name, office_name, office_short_name, consult_phone, supervise_phone, seal FROM county_identity"
            ).first.map {
                CountyIdentity(
                    countyName: try $0.decode("county_name", as: String.self), officeName: try $0.decode("office_name", as: String.self),
                    officeShortName: try $0.decode("office_short_name", as: String.self),
                    consultPhone: try $0.decode("consult_phone", as: String.self),
                    supervisePhone: try $0.decode("supervise_phone", as: String.self), seal: try $0.decode("seal", as: String.self))
            } ?? .unset
        }
        cache?.set(identity)
        return identity
    }

    /// Starts reading the identity again in the background when the cache is older than
    /// `freshness` (one read at a time); never waits for the database, so a slow or hung
    /// database delays no request (pages render with the copy they have).
    public func refreshIfStale() {
        guard let cache, cache.claimRead(freshness: Self.freshness) else { return }
        Task {
            do {
                _ = try await load()
            } catch {
                cache.readFailed()
            }
        }
    }

    /// Validates and stores `identity`, with an audit entry naming `actor`.
    @discardableResult
    public func save(_ identity: CountyIdentity, actor: String) async throws -> CountyIdentity {
        let identity = try identity.validated()
        let before = try await load()
        try await pool.transaction { connection in
            try connection.query(
                """
                INSERT INTO county_identity (county_name, office_name, office_short_name, consult_phone, supervise_phone, seal)
                VALUES (\(identity.countyName), \(identity.officeName), \(identity.officeShortName), \(identity.consultPhone),
                        \(identity.supervisePhone), \(identity.seal))
                ON CONFLICT (only_row) DO UPDATE SET county_name = EXCLUDED.county_name, office_name = EXCLUDED.office_name,
                    office_short_name = EXCLUDED.office_short_name, consult_phone = EXCLUDED.consult_phone,
                    supervise_phone = EXCLUDED.supervise_phone, seal = EXCLUDED.seal, updated_at = now()
                """)
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "county.identity", subject: "county identity", beforeJSON: AuditLog.json(before),
                    afterJSON: AuditLog.json(identity)),
                on: connection)
        }
        cache?.set(identity)
        return identity
    }
}
