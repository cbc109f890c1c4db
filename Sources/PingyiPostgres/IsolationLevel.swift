/// A transaction isolation level.
public enum IsolationLevel: String, Sendable {
    /// `READ COMMITTED`, PostgreSQL's default.
    case readCommitted = "READ COMMITTED"
    /// `REPEATABLE READ`
    case repeatableRead = "REPEATABLE READ"
    /// `SERIALIZABLE`
    case serializable = "SERIALIZABLE"
}
