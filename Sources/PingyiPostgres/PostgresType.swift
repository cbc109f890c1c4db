/// A PostgreSQL data type, named by its OID (the values of `pg_type.oid` for the built-in types).
public struct PostgresType: Hashable, Sendable, CustomStringConvertible {
    /// The type's OID.
    public let oid: UInt32

    /// Wraps an OID.
    public init(oid: UInt32) { self.oid = oid }

    /// `bool`
    public static let bool = PostgresType(oid: 16)
    /// `bytea`
    public static let bytea = PostgresType(oid: 17)
    /// `"char"`
    public static let char = PostgresType(oid: 18)
    /// `name`
    public static let name = PostgresType(oid: 19)
    /// `int8` (bigint)
    public static let int8 = PostgresType(oid: 20)
    /// `int2` (smallint)
    public static let int2 = PostgresType(oid: 21)
    /// `int4` (integer)
    public static let int4 = PostgresType(oid: 23)
    /// `text`
    public static let text = PostgresType(oid: 25)
    /// `oid`
    public static let oidType = PostgresType(oid: 26)
    /// `json`
    public static let json = PostgresType(oid: 114)
    /// `float4` (real)
    public static let float4 = PostgresType(oid: 700)
    /// `float8` (double precision)
    public static let float8 = PostgresType(oid: 701)
    /// `unknown` (an untyped literal)
    public static let unknown = PostgresType(oid: 705)
    /// `bpchar` (char(n))
    public static let bpchar = PostgresType(oid: 1042)
    /// `varchar`
    public static let varchar = PostgresType(oid: 1043)
    /// `date`
    public static let date = PostgresType(oid: 1082)
    /// `timestamp` (without time zone)
    public static let timestamp = PostgresType(oid: 1114)
    /// `timestamptz`
    public static let timestamptz = PostgresType(oid: 1184)
    /// `numeric`
    public static let numeric = PostgresType(oid: 1700)
    /// `uuid`
    public static let uuid = PostgresType(oid: 2950)
    /// `jsonb`
    public static let jsonb = PostgresType(oid: 3802)
    /// `bool[]`
    public static let boolArray = PostgresType(oid: 1000)
    /// `int2[]`
    public static let int2Array = PostgresType(oid: 1005)
    /// `int4[]`
    public static let int4Array = PostgresType(oid: 1007)
    /// `text[]`
    public static let textArray = PostgresType(oid: 1009)
    /// `bytea[]`
    public static let byteaArray = PostgresType(oid: 1001)
    /// `int8[]`
    public static let int8Array = PostgresType(oid: 1016)
    /// `float8[]`
    public static let float8Array = PostgresType(oid: 1022)
    /// `numeric[]`
    public static let numericArray = PostgresType(oid: 1231)
    /// `uuid[]`
    public static let uuidArray = PostgresType(oid: 2951)

    /// Types whose text form is the value itself.
    static let textual: Set<PostgresType> = [.text, .varchar, .bpchar, .name, .char, .unknown]
    /// Integer types.
    static let integers: Set<PostgresType> = [.int2, .int4, .int8, .oidType]

    /// Whether the type is user-defined (an enum, a composite): OIDs from 16384 on.
    var isUserDefined: Bool { oid >= 16384 }

    /// The type's SQL name where it is a built-in Pingyi knows, else its OID.
    public var description: String {
        switch self {
        case .bool: "bool"
        case .bytea: "bytea"
        case .int2: "int2"
        case .int4: "int4"
        case .int8: "int8"
        case .text: "text"
        case .varchar: "varchar"
        case .bpchar: "bpchar"
        case .json: "json"
        case .jsonb: "jsonb"
        case .float4: "float4"
        case .float8: "float8"
        case .date: "date"
        case .timestamp: "timestamp"
        case .timestamptz: "timestamptz"
        case .numeric: "numeric"
        case .uuid: "uuid"
        default: "oid \(oid)"
        }
    }
}
