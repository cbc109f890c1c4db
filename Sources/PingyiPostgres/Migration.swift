import Crypto
import Foundation

/// One migration file, `sql/NNNN_name.sql`.
public struct Migration: Sendable, Hashable {
    /// The file name, e.g. `0001_roster.sql`; the key it is recorded under.
    public let name: String
    /// Its order number (the leading digits).
    public let number: Int
    /// The SQL text.
    public let sql: String
    /// Hex SHA-256 of the file's bytes.
    public let sha256: String

    /// Makes a migration from a file's name and bytes; `nil` when the name is not `NNNN_name.sql`.
    public init?(name: String, contents: Data) {
        guard name.hasSuffix(".sql"), let underscore = name.firstIndex(of: "_"),
            let number = Int(name[..<underscore]), name[..<underscore].count == 4
        else { return nil }
        self.name = name
        self.number = number
        sql = String(decoding: contents, as: UTF8.self)
        sha256 = SHA256.hash(data: contents).map { String(format: "%02x", $0) }.joined()
    }
}
