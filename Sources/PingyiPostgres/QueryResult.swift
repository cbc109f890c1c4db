import CLibPQ

/// The rows a statement returned. Owns its `PGresult` and frees it exactly once, when the last
/// reference goes. A `PGresult` is read-only after creation, so reading it from any thread is safe.
public final class QueryResult: @unchecked Sendable {
    private let handle: OpaquePointer
    /// The number of rows.
    public let count: Int
    /// The column names, in order.
    public let columns: [String]
    /// The column types, in order.
    public let columnTypes: [PostgresType]
    /// The number of rows the command affected (`INSERT`, `UPDATE`, `DELETE`), or 0.
    public let affectedRows: Int
    private let columnIndex: [String: Int]

    /// Takes ownership of a successful result.
    init(taking handle: OpaquePointer) {
        self.handle = handle
        count = Int(PQntuples(handle))
        let fieldCount = Int(PQnfields(handle))
        var names: [String] = []
        var types: [PostgresType] = []
        var index: [String: Int] = [:]
        for field in 0..<fieldCount {
            let name = String(cString: PQfname(handle, Int32(field)))
            names.append(name)
            types.append(PostgresType(oid: PQftype(handle, Int32(field))))
            if index[name] == nil { index[name] = field }
        }
        columns = names
        columnTypes = types
        columnIndex = index
        affectedRows = Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    deinit {
        PQclear(handle)
    }

    /// The row at `index`.
    public subscript(index: Int) -> Row {
        Row(result: self, index: index)
    }

    /// All rows.
    public var rows: [Row] {
        (0..<count).map { Row(result: self, index: $0) }
    }

    /// Decodes every row with `transform`.
    public func map<T>(_ transform: (Row) throws -> T) rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for index in 0..<count {
            out.append(try transform(Row(result: self, index: index)))
        }
        return out
    }

    /// The first row, if any.
    public var first: Row? { count > 0 ? Row(result: self, index: 0) : nil }

    func fieldIndex(of column: String) -> Int? { columnIndex[column] }

    func cell(row: Int, field: Int) -> PostgresCell {
        let isNull = PQgetisnull(handle, Int32(row), Int32(field)) == 1
        let text = isNull ? nil : String(cString: PQgetvalue(handle, Int32(row), Int32(field)))
        return PostgresCell(column: columns[field], type: columnTypes[field], text: text)
    }
}
