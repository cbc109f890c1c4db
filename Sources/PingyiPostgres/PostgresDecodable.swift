import Foundation

/// A Swift type that a result value can be decoded into.
///
/// A column of a type the Swift type does not accept, or NULL into a non-optional, is a thrown
/// `PostgresError` with code `.decoding` naming the column — never a crash.
public protocol PostgresDecodable: Sendable {
    /// Decodes the cell.
    static func decode(from cell: PostgresCell) throws -> Self
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// NULL is `nil`; anything else is decoded as `Wrapped`.
    public static func decode(from cell: PostgresCell) throws -> Wrapped? {
        guard cell.text != nil else { return nil }
        return try Wrapped.decode(from: cell)
    }
}

extension String: PostgresDecodable {
    /// Reads text-like columns and user-defined types (enums).
    public static func decode(from cell: PostgresCell) throws -> String {
        guard PostgresType.textual.contains(cell.type) || cell.type.isUserDefined else {
            throw cell.decodingError("String", reason: "column type is \(cell.type)")
        }
        guard let text = cell.text else { throw cell.decodingError("String", reason: "value is NULL") }
        return text
    }
}

extension Int: PostgresDecodable {
    /// Reads integer columns, and `numeric` values that are whole numbers.
    public static func decode(from cell: PostgresCell) throws -> Int {
        let text = try cell.requireText(accepting: PostgresType.integers.union([.numeric]), swiftType: "Int")
        guard let value = Int(text) else { throw cell.decodingError("Int", reason: "\"\(text)\" is not an Int") }
        return value
    }
}

extension Int64: PostgresDecodable {
    /// Reads integer columns, and `numeric` values that are whole numbers.
    public static func decode(from cell: PostgresCell) throws -> Int64 {
        let text = try cell.requireText(accepting: PostgresType.integers.union([.numeric]), swiftType: "Int64")
        guard let value = Int64(text) else {
            throw cell.decodingError("Int64", reason: "\"\(text)\" is not an Int64")
        }
        return value
    }
}

extension Int32: PostgresDecodable {
    /// Reads `int2` and `int4` columns.
    public static func decode(from cell: PostgresCell) throws -> Int32 {
        let text = try cell.requireText(accepting: [.int2, .int4], swiftType: "Int32")
        guard let value = Int32(text) else {
            throw cell.decodingError("Int32", reason: "\"\(text)\" is not an Int32")
        }
        return value
    }
}

extension Double: PostgresDecodable {
    /// Reads floating-point, `numeric` and integer columns.
    public static func decode(from cell: PostgresCell) throws -> Double {
        let text = try cell.requireText(
            accepting: PostgresType.integers.union([.float4, .float8, .numeric]), swiftType: "Double")
        guard let value = Double(text) else {
            throw cell.decodingError("Double", reason: "\"\(text)\" is not a Double")
        }
        return value
    }
}

extension Decimal: PostgresDecodable {
    /// Reads `numeric` and integer columns exactly.
    public static func decode(from cell: PostgresCell) throws -> Decimal {
        let text = try cell.requireText(accepting: PostgresType.integers.union([.numeric]), swiftType: "Decimal")
        if text == "NaN" { return .nan }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw cell.decodingError("Decimal", reason: "\"\(text)\" is not a Decimal")
        }
        return value
    }
}

extension Bool: PostgresDecodable {
    /// Reads `bool` columns.
    public static func decode(from cell: PostgresCell) throws -> Bool {
        let text = try cell.requireText(accepting: [.bool], swiftType: "Bool")
        switch text {
        case "t": return true
        case "f": return false
        default: throw cell.decodingError("Bool", reason: "\"\(text)\" is not a bool")
        }
    }
}

extension UUID: PostgresDecodable {
    /// Reads `uuid` columns.
    public static func decode(from cell: PostgresCell) throws -> UUID {
        let text = try cell.requireText(accepting: [.uuid], swiftType: "UUID")
        guard let value = UUID(uuidString: text) else {
            throw cell.decodingError("UUID", reason: "\"\(text)\" is not a UUID")
        }
        return value
    }
}

extension Date: PostgresDecodable {
    /// Reads `timestamptz`, `timestamp` (taken as UTC) and `date` (midnight UTC) columns.
    public static func decode(from cell: PostgresCell) throws -> Date {
        let text = try cell.requireText(accepting: [.timestamptz, .timestamp, .date], swiftType: "Date")
        guard let value = PostgresTimestamp.parse(text) else {
            throw cell.decodingError("Date", reason: "\"\(text)\" is not an ISO timestamp")
        }
        return value
    }
}

extension Data: PostgresDecodable {
    /// Reads `bytea` columns (hex output format).
    public static func decode(from cell: PostgresCell) throws -> Data {
        let text = try cell.requireText(accepting: [.bytea], swiftType: "Data")
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0
        else { throw cell.decodingError("Data", reason: "not in bytea hex format") }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 97...102: byte - 87
            case 65...70: byte - 55
            default: nil
            }
        }
        // Into an array first: Data.append a byte at a time was most of a campaign's close (the
        // sealed ballots are read as bytea).
        var decoded = [UInt8]()
        decoded.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else {
                throw cell.decodingError("Data", reason: "not in bytea hex format")
            }
            decoded.append(high << 4 | low)
            index += 2
        }
        return Data(decoded)
    }
}
