import Foundation
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

    /// A value as JSON with sorted keys, for an entry's before/after.
    public static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain records of strings and numbers cannot fail; an empty object is the fallback.
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
