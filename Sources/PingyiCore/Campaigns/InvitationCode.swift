import Crypto
import Foundation

/// The typed code printed under a letter's QR code, for people who cannot scan: 12 characters
/// from an alphabet without look-alikes (no 0/O, 1/I/L), shown as `ABCD-EFGH-JKMN`, about 59
/// bits. It is derived from the invitation's token (the first 60 bits of a SHA-256 of it, so a
/// letter can be made from the office's links file alone), and only its own SHA-256 is stored:
/// neither the code nor the token can be recovered from the database, nor the token from the code.
public struct InvitationCode: Hashable, Sendable {
    /// The 12 characters, ungrouped.
    public let text: String

    /// The alphabet: 2–9 and the letters without I, L, O (31 characters).
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// The code of `token`.
    public init(token: InvitationToken) {
        var digest = Array(SHA256.hash(data: Data("pingyi-invitation-code-v1".utf8) + token.bytes))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        value >>= 4  // 60 bits
        var characters: [Character] = []
        for _ in 0..<12 {
            characters.append(Self.alphabet[Int(value % 31)])
            value /= 31
        }
        digest.removeAll()
        text = String(characters)
    }

    /// Reads what a person typed: case, spaces and dashes do not matter; `nil` unless it is 12
    /// characters of the alphabet.
    public init?(typed: String) {
        let cleaned = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "－" }
        guard cleaned.count == 12, cleaned.allSatisfy(Self.alphabet.contains) else { return nil }
        text = cleaned
    }

    /// `ABCD-EFGH-JKMN`, as printed.
    public var grouped: String {
        let characters = Array(text)
        return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
