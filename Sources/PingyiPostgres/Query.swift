import Foundation

/// One SQL statement with its parameters.
///
/// Built by string interpolation, every interpolated value becomes a `$n` parameter — never text
/// in the SQL. Raw SQL text can only be spliced in through the explicitly labelled
/// `\(unescaped:)` interpolation (and identifiers through `\(identifier:)`, which quotes them).
///
///     let query: Query = "SELECT name FROM chiefs WHERE employee_number = \(number)"
public struct Query: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The SQL text with `$1`, `$2`, … placeholders.
    public private(set) var sql: String
    /// The parameters, in placeholder order.
    public private(set) var binds: [PostgresBind]

    /// A query with no parameters.
    public init(stringLiteral value: String) {
        sql = value
        binds = []
    }

    /// A query built by interpolation.
    public init(stringInterpolation: Interpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
    }

    /// A query from SQL text that was not built by interpolation. The label is the warning:
    /// the text must not contain any value that came from outside.
    public init(unsafeSQL sql: String) {
        self.sql = sql
        binds = []
    }

    /// The SQL text only (parameter values are never printed).
    public var description: String { sql }

    /// Collects SQL text and parameters.
    public struct Interpolation: StringInterpolationProtocol, Sendable {
        var sql: String
        var binds: [PostgresBind]

        /// Starts an empty query.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        /// SQL text from the literal.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// A value: becomes the next `$n` parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            binds.append(PostgresBind(type: Value.postgresType, text: value.postgresText))
            sql += "$\(binds.count)"
        }

        /// An optional value: `nil` is a NULL parameter of the wrapped type.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(PostgresBind(type: Value.postgresType, text: value?.postgresText))
            sql += "$\(binds.count)"
        }

        /// Raw SQL text, spliced in as it is. Only for text the program wrote itself.
        public mutating func appendInterpolation(unescaped raw: String) {
            sql += raw
        }

        /// An identifier (a table or database name), double-quoted with inner quotes doubled.
        public mutating func appendInterpolation(identifier: String) {
            sql += "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
