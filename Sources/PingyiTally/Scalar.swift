import CLibCrypto
import Foundation

/// An integer modulo the order `q` of P-256's generator: a secret key, a share, a proof's
/// challenge or response, a nonce. Immutable; its memory is cleared when it goes.
public final class Scalar: @unchecked Sendable, Equatable, Hashable, CustomStringConvertible {
    let bignum: OpaquePointer

    /// Takes ownership of `bignum`, which must already be reduced modulo `q`.
    init(owning bignum: OpaquePointer) { self.bignum = bignum }

    deinit { BN_clear_free(bignum) }

    public static let zero = Scalar(0)
    public static let one = Scalar(1)

    /// `value` modulo `q` (negative values wrap).
    public convenience init(_ value: Int) {
        let bignum = BN_new()!
        BN_set_word(bignum, numericCast(value.magnitude))
        if value < 0 { BN_set_negative(bignum, 1) }
        P256.shared.withContext { _ = BN_nnmod(bignum, bignum, P256.shared.order, $0) }
        self.init(owning: bignum)
    }

    /// A uniformly random scalar in `1 ..< q`, from OpenSSL's private generator.
    public static func random() -> Scalar {
        let bignum = BN_new()!
        repeat {
            guard BN_priv_rand_range(bignum, P256.shared.order) == 1 else { fatalError("BN_priv_rand_range failed") }
        } while BN_is_zero(bignum) == 1
        return Scalar(owning: bignum)
    }

    /// 32 bytes big-endian, the record's form. Nil when the bytes are not 32 or not below `q`.
    public convenience init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        let array = Array(bytes)
        let bignum = array.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, 32, nil) }!
        guard BN_cmp(bignum, P256.shared.order) < 0 else {
            BN_free(bignum)
            return nil
        }
        self.init(owning: bignum)
    }

    /// A SHA-256 digest read as a big-endian integer, reduced modulo `q` (`Hq` of RECORD.md).
    convenience init(reducing digest: some Collection<UInt8>) {
        let array = Array(digest)
        let bignum = array.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }!
        P256.shared.withContext { _ = BN_nnmod(bignum, bignum, P256.shared.order, $0) }
        self.init(owning: bignum)
    }

    /// 32 bytes big-endian.
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        _ = out.withUnsafeMutableBufferPointer { BN_bn2binpad(bignum, $0.baseAddress, 32) }
        return out
    }

    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    public var isZero: Bool { BN_is_zero(bignum) == 1 }

    private static func combine(
        _ a: Scalar, _ b: Scalar, _ operation: (OpaquePointer, OpaquePointer, OpaquePointer, OpaquePointer, OpaquePointer) -> Int32
    ) -> Scalar {
        let result = BN_new()!
        P256.shared.withContext { context in
            guard operation(result, a.bignum, b.bignum, P256.shared.order, context) == 1 else { fatalError("BN arithmetic failed") }
        }
        return Scalar(owning: result)
    }

    public static func + (a: Scalar, b: Scalar) -> Scalar { combine(a, b) { BN_mod_add($0, $1, $2, $3, $4) } }
    public static func - (a: Scalar, b: Scalar) -> Scalar { combine(a, b) { BN_mod_sub($0, $1, $2, $3, $4) } }
    public static func * (a: Scalar, b: Scalar) -> Scalar { combine(a, b) { BN_mod_mul($0, $1, $2, $3, $4) } }
    public static prefix func - (a: Scalar) -> Scalar { .zero - a }

    /// The inverse modulo `q`; nil for zero.
    public var inverse: Scalar? {
        guard !isZero else { return nil }
        let result = BN_new()!
        P256.shared.withContext { _ = BN_mod_inverse(result, bignum, P256.shared.order, $0) }
        return Scalar(owning: result)
    }

    public static func == (a: Scalar, b: Scalar) -> Bool { BN_cmp(a.bignum, b.bignum) == 0 }
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
