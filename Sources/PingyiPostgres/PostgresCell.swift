/// One value of a result row, before it is decoded: its column, type and text (nil for NULL).
public struct PostgresCell: Sendable {
    /// The column's name as the server reported it.
    public let column: String
    /// The column's type.
    public let type: PostgresType
    /// The value in text format; `nil` for NULL.
    public let text: String?

    /// Makes a cell.
    public init(column: String, type: PostgresType, text: String?) {
        self.column = column
        self.type = type
        self.text = text
    }

    /// The text of a non-NULL value of one of the accepted types; a thrown decoding error naming
    /// the column otherwise.
    public func requireText(accepting types: Set<PostgresType>, swiftType: String) throws -> String {
        guard types.contains(type) else {
            throw decodingError(swiftType, reason: "column type is \(type)")
        }
        guard let text else {
            throw decodingError(swiftType, reason: "value is NULL")
        }
        return text
    }

    /// A decoding error for this cell.
    public func decodingError(_ swiftType: String, reason: String) -> PostgresError {
        PostgresError(
            code: .decoding,
            message: "cannot decode column \"\(column)\" as \(swiftType): \(reason)",
            column: column)
    }
}
