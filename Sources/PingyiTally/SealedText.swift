import Crypto
import Foundation

/// A text of a ballot (a comment, a clue, 其他意见) sealed to the joint key on its own, at a fixed
/// length: `R = r·G`, the key is `H("text-key"; R, r·K)`, the padded text is sealed with
/// ChaCha20-Poly1305 under it (R bound as associated data). Only the trustees together can make
/// `s·R = r·K`: each gives `s_i·R` (`TrusteeShare.partial`), the quorum's are combined with
/// Lagrange coefficients, and the text opens. Its bytes: R (33), the sealed text, the tag (16).
public enum SealedText {
    /// The sealed size of a text padded to `length` bytes.
    public static func size(length: Int) -> Int { 33 + 4 + length + 16 }

    public static func seal(_ plaintext: [UInt8], length: Int, key: Point) throws -> Data {
        guard plaintext.count <= length else { throw TallyError.textTooLong(plaintext.count, length: length) }
        let r = Scalar.random()
        let ephemeral = Point.base(r)
        let shared = r * key
        let count = UInt32(plaintext.count)
        var padded = [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)] + plaintext
        padded += [UInt8](repeating: 0, count: length - plaintext.count)
        let box = try ChaChaPoly.seal(
            padded, using: symmetricKey(ephemeral: ephemeral, shared: shared), nonce: ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)),
            authenticating: ephemeral.bytes)
        return Data(ephemeral.bytes) + box.ciphertext + box.tag
    }

    /// The ephemeral point `R` a trustee's partial decryption is made from; nil for bytes that
    /// are not a sealed text.
    public static func ephemeral(_ sealed: Data) -> Point? {
        guard sealed.count > 33 + 4 + 16 else { return nil }
        return Point(bytes: sealed.prefix(33))
    }

    /// Opens `sealed` with `s·R` combined from the trustees' partial decryptions.
    public static func open(_ sealed: Data, shared: Point) throws -> [UInt8] {
        guard let ephemeral = ephemeral(sealed) else { throw TallyError.textUnreadable }
        let body = sealed.dropFirst(33)
        let box = try ChaChaPoly.SealedBox(
            nonce: ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)), ciphertext: body.dropLast(16), tag: body.suffix(16))
        guard let padded = try? ChaChaPoly.open(box, using: symmetricKey(ephemeral: ephemeral, shared: shared), authenticating: ephemeral.bytes)
        else { throw TallyError.textUnreadable }
        let bytes = [UInt8](padded)
        let count = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard count <= bytes.count - 4 else { throw TallyError.textUnreadable }
        return Array(bytes[4..<(4 + count)])
    }

    /// `s·R` from the partial decryptions `s_i·R` of the trustees present.
    public static func combine(_ partials: [Int: Point]) -> Point {
        let lambda = TallyDecryptor.lagrange(partials.keys.sorted())
        return Point.sum(partials.map { lambda[$0.key]! * $0.value })
    }

    private static func symmetricKey(ephemeral: Point, shared: Point) -> SymmetricKey {
        SymmetricKey(data: TallyHash.digest("text-key", [ephemeral.bytes, shared.bytes]))
    }
}
