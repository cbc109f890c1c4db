/// One bound parameter of a `Query`: its type and its text form (`nil` is SQL NULL).
public struct PostgresBind: Sendable, Hashable {
    /// The parameter's type, sent to the server with the statement.
    public var type: PostgresType
    /// The value in PostgreSQL's text format, or `nil` for NULL.
    public var text: String?

    /// Makes a bind.
    public init(type: PostgresType, text: String?) {
        self.type = type
        self.text = text
    }
}
