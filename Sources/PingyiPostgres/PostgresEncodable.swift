import Foundation

/// A Swift value that can be sent to PostgreSQL as a bound parameter (in text format).
public protocol PostgresEncodable: Sendable {
    /// The PostgreSQL type the value is sent as.
    static var postgresType: PostgresType { get }
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
}

/// A value that can be an element of an encoded PostgreSQL array.
public protocol PostgresArrayElement: PostgresEncodable {
    /// The array type whose elements are of this type.
    static var postgresArrayType: PostgresType { get }
}

extension String: PostgresArrayElement {
    /// `text`
    public static var postgresType: PostgresType { .text }
    /// `text[]`
    public static var postgresArrayType: PostgresType { .textArray }
    /// The string itself.
    public var postgresText: String { self }
}

extension Substring: PostgresEncodable {
    /// `text`
    public static var postgresType: PostgresType { .text }
    /// The string itself.
    public var postgresText: String { String(self) }
}

extension Int: PostgresArrayElement {
    /// `int8`
    public static var postgresType: PostgresType { .int8 }
    /// `int8[]`
    public static var postgresArrayType: PostgresType { .int8Array }
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Int64: PostgresArrayElement {
    /// `int8`
    public static var postgresType: PostgresType { .int8 }
    /// `int8[]`
    public static var postgresArrayType: PostgresType { .int8Array }
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Int32: PostgresArrayElement {
    /// `int4`
    public static var postgresType: PostgresType { .int4 }
    /// `int4[]`
    public static var postgresArrayType: PostgresType { .int4Array }
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Double: PostgresArrayElement {
    /// `float8`
    public static var postgresType: PostgresType { .float8 }
    /// `float8[]`
    public static var postgresArrayType: PostgresType { .float8Array }
    /// The shortest text that reads back as the same double.
    public var postgresText: String {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return "\(self)"
    }
}

extension Decimal: PostgresArrayElement {
    /// `numeric`
    public static var postgresType: PostgresType { .numeric }
    /// `numeric[]`
    public static var postgresArrayType: PostgresType { .numericArray }
    /// Plain decimal notation.
    public var postgresText: String { isNaN ? "NaN" : description }
}

extension Bool: PostgresArrayElement {
    /// `bool`
    public static var postgresType: PostgresType { .bool }
    /// `bool[]`
    public static var postgresArrayType: PostgresType { .boolArray }
    /// `true` or `false`.
    public var postgresText: String { self ? "true" : "false" }
}

extension UUID: PostgresArrayElement {
    /// `uuid`
    public static var postgresType: PostgresType { .uuid }
    /// `uuid[]`
    public static var postgresArrayType: PostgresType { .uuidArray }
    /// The canonical lower-case form.
    public var postgresText: String { uuidString.lowercased() }
}

extension Date: PostgresEncodable {
    /// `timestamptz`
    public static var postgresType: PostgresType { .timestamptz }
    /// ISO 8601 in UTC with microseconds.
    public var postgresText: String { PostgresTimestamp.format(self) }
}

extension Data: PostgresArrayElement {
    /// `bytea`
    public static var postgresType: PostgresType { .bytea }
    /// `bytea[]`
    public static var postgresArrayType: PostgresType { .byteaArray }
    /// The hex format: `\x` and two hex digits a byte.
    public var postgresText: String {
        // Over the contiguous bytes, not Data's iterator: a sealed ballot is a few KiB, and its
        // byte-by-byte iteration showed in the profile of bench/submit.
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 2 + bytes.count * 2) { out in
                out[0] = UInt8(ascii: "\\")
                out[1] = UInt8(ascii: "x")
                let table = digits.utf8Start
                for (index, byte) in bytes.enumerated() {
                    out[2 + index * 2] = table[Int(byte >> 4)]
                    out[3 + index * 2] = table[Int(byte & 0x0f)]
                }
                return 2 + bytes.count * 2
            }
        }
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// The element type's array type.
    public static var postgresType: PostgresType { Element.postgresArrayType }
    /// An array literal with every element quoted: `{"a","b \"c\""}`.
    public var postgresText: String { PostgresArrayText.literal(map { Optional($0) }) }
}
