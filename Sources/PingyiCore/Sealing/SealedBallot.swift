import Crypto
import Foundation

/// How ballots are sealed: the HPKE suite, the context a ciphertext is bound to, and the padding.
public enum SealedBallot {
    static var ciphersuite: HPKE.Ciphersuite { .Curve25519_SHA256_ChachaPoly }

    /// The HPKE `info` of a campaign's ballots: a ciphertext of one campaign does not open as
    /// another's.
    public static func context(campaignID: Int) -> Data {
        Data("pingyi ballot v1 campaign \(campaignID)".utf8)
    }

    /// The padded sizes of a campaign opened before each campaign had its one length
    /// (`BallotLength`, migration 0014): 4 KiB, 16 KiB, 64 KiB, then whole multiples of 64 KiB.
    static let legacySizeClasses = [4096, 16384, 65536]

    /// The padded length for a plaintext of `count` bytes (4 bytes of length included): the
    /// campaign's one `length`; a ballot longer than that (the roster outgrew the quarter of
    /// headroom) takes the smallest whole multiple of it. Without a length, the legacy classes.
    public static func paddedLength(_ count: Int, length: Int? = nil) -> Int {
        let needed = count + 4
        if let length { return (needed + length - 1) / length * length }
        if let size = legacySizeClasses.first(where: { $0 >= needed }) { return size }
        let step = legacySizeClasses.last!
        return (needed + step - 1) / step * step
    }

    /// `count` as 4 bytes big-endian, the plaintext, then zeros up to the padded length.
    static func pad(_ plaintext: Data, length: Int?) -> Data {
        let padded = paddedLength(plaintext.count, length: length)
        var out = Data(capacity: padded)
        let count = UInt32(plaintext.count)
        out.append(contentsOf: [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)])
        out.append(plaintext)
        out.append(Data(count: padded - out.count))
        return out
    }

    static func unpad(_ padded: Data) throws -> Data {
        let bytes = [UInt8](padded)
        guard bytes.count >= 4 else { throw SealedBallotError.malformed }
        let count = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard count <= bytes.count - 4 else { throw SealedBallotError.malformed }
        return Data(bytes[4..<(4 + count)])
    }
}

/// Why a sealed ballot or a key file could not be read.
public enum SealedBallotError: Error, Equatable, Sendable {
    /// The key file holds no readable key.
    case unreadableKey
    /// The ciphertext does not open with this key (another campaign's key, or altered).
    case wrongKey
    /// Not a sealed ballot.
    case malformed
}
