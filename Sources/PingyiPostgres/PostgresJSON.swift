import Foundation

/// A `Codable` value sent and read as `jsonb`.
public struct PostgresJSON<Value: Codable & Sendable>: Sendable {
    /// The wrapped value.
    public var value: Value

    /// Wraps a value.
    public init(_ value: Value) { self.value = value }
}

extension PostgresJSON: PostgresEncodable {
    /// `jsonb`
    public static var postgresType: PostgresType { .jsonb }
    /// The value as JSON with sorted keys (so equal values give equal text).
    public var postgresText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a Codable value to JSON fails only for non-finite floats; send JSON null then.
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension PostgresJSON: PostgresDecodable {
    /// Reads `json` or `jsonb`.
    public static func decode(from cell: PostgresCell) throws -> PostgresJSON<Value> {
        let text = try cell.requireText(accepting: [.json, .jsonb], swiftType: "JSON")
        do {
            return PostgresJSON(try JSONDecoder().decode(Value.self, from: Data(text.utf8)))
        } catch {
            throw cell.decodingError("JSON", reason: "\(error)")
        }
    }
}
