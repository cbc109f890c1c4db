import PingyiCore
import PingyiPostgres

/// Writes the audit log. Called inside the transaction of the write it records, so an entry
/// exists exactly when the write does.
public enum AuditLog {
    /// Appends an entry.
    public static func record(_ entry: AuditEntry, on connection: Connection) throws {
        try connection.query(
            """
            INSERT INTO audit_log (actor, action, subject, before, after)
            VALUES (\(entry.actor), \(entry.action), \(entry.subject), \(entry.beforeJSON)::jsonb, \(entry.afterJSON)::jsonb)
            """)
    }
}
