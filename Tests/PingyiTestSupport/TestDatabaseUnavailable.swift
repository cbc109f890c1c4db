/// No PostgreSQL answered: database tests fail with this rather than skip.
public struct TestDatabaseUnavailable: Error, CustomStringConvertible {
    /// libpq's message.
    public let reason: String

    /// Says what to do.
    public var description: String {
        "no PostgreSQL server reachable for the database tests (\(reason)). Run `make test`, which starts the private cluster, or set DATABASE_URL / PGHOST."
    }
}
