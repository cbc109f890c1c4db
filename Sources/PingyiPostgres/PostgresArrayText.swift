/// The text form of a one-dimensional PostgreSQL array: `{a,"b,c",NULL}`, read and written.
enum PostgresArrayText {
    /// An array literal with NULL unquoted and every other element quoted, `"` and `\` escaped.
    /// Built on UTF-8 bytes: arrays carry whole imports (1.2 million dealings at a province's
    /// size) and a scoring run's results, where going character by character was most of the time.
    static func literal<Element: PostgresEncodable>(_ elements: [Element?]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(2 + elements.count * 16)
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let element else {
                out.append(contentsOf: "NULL".utf8)
                continue
            }
            out.append(UInt8(ascii: "\""))
            for byte in element.postgresText.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The element type of the array types Pingyi reads.
    static let elementTypes: [PostgresType: PostgresType] = [
        .textArray: .text, .int8Array: .int8, .int4Array: .int4, .int2Array: .int2, .float8Array: .float8,
        .numericArray: .numeric, .boolArray: .bool, .uuidArray: .uuid, .byteaArray: .bytea,
    ]

    /// The elements (`nil` for NULL), or `nil` when the text is not a one-dimensional array.
    static func parse(_ text: String) -> [String?]? {
        var characters = Substring(text)
        guard characters.first == "{", characters.last == "}" else { return nil }
        characters = characters.dropFirst().dropLast()
        if characters.isEmpty { return [] }
        var elements: [String?] = []
        var current = ""
        var quoted = false
        var wasQuoted = false
        var escaped = false
        for character in characters {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted {
                if character == "\\" { escaped = true } else if character == "\"" { quoted = false } else { current.append(character) }
            } else if character == "\"" {
                quoted = true
                wasQuoted = true
            } else if character == "," {
                elements.append(!wasQuoted && current == "NULL" ? nil : current)
                current = ""
                wasQuoted = false
            } else if character == "{" {
                return nil  // multi-dimensional arrays are not supported
            } else {
                current.append(character)
            }
        }
        guard !quoted, !escaped else { return nil }
        elements.append(!wasQuoted && current == "NULL" ? nil : current)
        return elements
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Reads a one-dimensional array of a supported element type.
    public static func decode(from cell: PostgresCell) throws -> [Element] {
        let text = try cell.requireText(accepting: Set(PostgresArrayText.elementTypes.keys), swiftType: "Array")
        guard let elementType = PostgresArrayText.elementTypes[cell.type], let items = PostgresArrayText.parse(text) else {
            throw cell.decodingError("Array", reason: "not a one-dimensional array")
        }
        return try items.map { try Element.decode(from: PostgresCell(column: cell.column, type: elementType, text: $0)) }
    }
}
