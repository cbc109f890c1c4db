/// An array whose elements may be NULL, sent as one parameter (e.g. for `unnest($1::text[])`).
public struct PostgresNullableArray<Element: PostgresArrayElement>: PostgresEncodable {
    /// The elements; `nil` ones are sent as NULL.
    public var elements: [Element?]

    /// Wraps the elements.
    public init(_ elements: [Element?]) { self.elements = elements }

    /// The element type's array type.
    public static var postgresType: PostgresType { Element.postgresArrayType }

    /// An array literal with NULL unquoted and every other element quoted.
    public var postgresText: String { PostgresArrayText.literal(elements) }
}
