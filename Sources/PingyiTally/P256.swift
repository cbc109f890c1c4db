import CLibCrypto
import Foundation

/// The group of the count no single office can read: NIST P-256 (secp256r1), through OpenSSL 3's
/// libcrypto. Its points and scalars are `Point` and `Scalar`; this holds the curve, its
/// generator and order, read-only after it is made, so one is shared by every thread.
final class P256: @unchecked Sendable {
    static let shared = P256()

    let group: OpaquePointer
    /// The order `q` of the generator.
    let order: OpaquePointer

    private init() {
        guard let group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1), let order = BN_new(),
            EC_GROUP_get_order(group, order, nil) == 1
        else { fatalError("OpenSSL has no P-256") }
        self.group = group
        self.order = order
    }

    deinit {
        EC_GROUP_free(group)
        BN_free(order)
    }

    /// A scratch BN_CTX for one operation (OpenSSL's contexts are not shared between threads).
    func withContext<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        guard let context = BN_CTX_new() else { fatalError("BN_CTX_new failed") }
        defer { BN_CTX_free(context) }
        return try body(context)
    }
}
