/// The chain of tracking codes: `code_0 = H("chain-start"; election_hash)`,
/// `code_i = H("chain"; code_(i−1), ballot_hash_i)`. A respondent is shown the first 10 bytes of
/// its code in base32, `ABCD-EFGH-IJKL-MNOP`; taking a ballot out breaks every later code.
public enum TrackingCode {
    public static func start(electionHash: [UInt8]) -> [UInt8] { TallyHash.digest("chain-start", [electionHash]) }

    public static func next(after previous: [UInt8], ballotHash: [UInt8]) -> [UInt8] {
        TallyHash.digest("chain", [previous, ballotHash])
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// The short form a respondent reads: base32 (RFC 4648) of the first 10 bytes, in four groups.
    public static func short(_ code: [UInt8]) -> String {
        var bits = 0
        var value = 0
        var characters: [Character] = []
        for byte in code.prefix(10) {
            value = value << 8 | Int(byte)
            bits += 8
            while bits >= 5 {
                characters.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: "-")
    }

    /// The 10 bytes a short code (as `normalized` gives it) stands for; nil for anything else.
    public static func prefix(of short: String) -> [UInt8]? {
        guard let normalized = normalized(short) else { return nil }
        var bits = 0
        var value = 0
        var bytes: [UInt8] = []
        for character in normalized where character != "-" {
            value = (value << 5 | alphabet.firstIndex(of: character)!) & 0xffff
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((value >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return bytes
    }

    /// A typed short code made comparable: upper case, without spaces or dashes; nil unless it
    /// is 16 base32 characters.
    public static func normalized(_ typed: String) -> String? {
        let kept = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard kept.count == 16, kept.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return stride(from: 0, to: 16, by: 4).map { String(Array(kept)[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
