/// A 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from the
/// 31-character set of the standard (digits and capitals without I, O, Z, S, V), the last one
/// a check character computed from the first seventeen.
public struct CreditCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The standard's character set; a character's value is its position.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// The weights of positions 1–17 (3^(i-1) mod 31).
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The 18 characters.
    public let value: String

    /// Validates a code. Surrounding spaces are ignored and lower-case letters read as capitals
    /// (people type them so); anything else wrong is an error saying what.
    public init(validating raw: String) throws(CreditCodeError) {
        if let code = CreditCode.validASCII(raw) {
            value = code
            return
        }
        let code = raw.trimmingSpaces().uppercased()
        let characters = Array(code)
        guard characters.count == 18 else { throw .length(characters.count) }
        var values: [Int] = []
        for (offset, character) in characters.enumerated() {
            guard let value = CreditCode.alphabet.firstIndex(of: character) else {
                throw .invalidCharacter(character, position: offset + 1)
            }
            values.append(value)
        }
        for (offset, value) in values[2..<8].enumerated() where value > 9 {
            throw .invalidCharacter(characters[offset + 2], position: offset + 3)
        }
        let expected = CreditCode.checkCharacter(values: Array(values[0..<17]))
        guard characters[17] == expected else { throw .checkCharacter(expected: expected, found: characters[17]) }
        value = code
    }

    /// A code's value by the byte of its character (capitals and lower case), -1 outside the set.
    private static let byteValues: [Int] = {
        var table = [Int](repeating: -1, count: 128)
        for (value, character) in alphabet.enumerated() {
            let byte = Int(character.asciiValue!)
            table[byte] = value
            if (65...90).contains(byte) { table[byte + 32] = value }
        }
        return table
    }()

    /// The code when `raw` is exactly a valid one in ASCII (upper-cased), else `nil` — the fast
    /// path of an import of 300,000 merchants; anything else goes the long way for its error.
    private static func validASCII(_ raw: String) -> String? {
        let bytes = raw.utf8
        guard bytes.count == 18 else { return nil }
        var sum = 0
        var upper = [UInt8]()
        upper.reserveCapacity(18)
        for (offset, byte) in bytes.enumerated() {
            guard byte < 128 else { return nil }
            let value = byteValues[Int(byte)]
            guard value >= 0, !(2..<8).contains(offset) || value <= 9 else { return nil }
            if offset < 17 {
                sum += value * weights[offset]
            } else if value != (31 - sum % 31) % 31 {
                return nil
            }
            upper.append(byte >= 97 ? byte - 32 : byte)
        }
        return String(decoding: upper, as: UTF8.self)
    }

    /// The check character for the values of the first seventeen characters.
    static func checkCharacter(values: [Int]) -> Character {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    /// The check character for seventeen characters of the alphabet, or `nil` if one is not in it.
    public static func checkCharacter(for first17: String) -> Character? {
        let values = first17.compactMap { alphabet.firstIndex(of: $0) }
        guard values.count == 17, first17.count == 17 else { return nil }
        return checkCharacter(values: values)
    }

    /// The code.
    public var description: String { value }

    /// Orders by the code's text.
    public static func < (lhs: CreditCode, rhs: CreditCode) -> Bool { lhs.value < rhs.value }
}
