/// One row of a `QueryResult`.
public struct Row: Sendable {
    let result: QueryResult
    /// The row's position in the result.
    public let index: Int

    /// Decodes the named column. A missing column, a column of another type, or NULL into a
    /// non-optional type is a thrown `PostgresError` (`.decoding`) naming the column.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let field = result.fieldIndex(of: column) else {
            throw PostgresError(code: .decoding, message: "no column \"\(column)\" in the result", column: column)
        }
        return try T.decode(from: result.cell(row: index, field: field))
    }

    /// Decodes the column at a position.
    public func decode<T: PostgresDecodable>(at field: Int, as type: T.Type = T.self) throws -> T {
        guard field >= 0, field < result.columns.count else {
            throw PostgresError(code: .decoding, message: "no column at position \(field) in the result")
        }
        return try T.decode(from: result.cell(row: index, field: field))
    }

    /// Whether the named column is NULL (false when there is no such column).
    public func isNull(_ column: String) -> Bool {
        guard let field = result.fieldIndex(of: column) else { return false }
        return result.cell(row: index, field: field).text == nil
    }
}
