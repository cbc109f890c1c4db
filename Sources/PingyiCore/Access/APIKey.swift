import Crypto
import Foundation

/// An API key as stored: never the key itself, only its hash, a prefix to recognise it, and
/// whom it speaks for.
public struct APIKey: Hashable, Sendable {
    /// The key's id.
    public var id: Int
    /// What the key is for (e.g. 组织部干部系统).
    public var name: String
    /// Its role.
    public var role: APIRole
    /// The first characters of the key, to tell keys apart in lists.
    public var prefix: String
    /// Whether it has been revoked.
    public var revoked: Bool

    /// Makes a key record.
    public init(id: Int, name: String, role: APIRole, prefix: String, revoked: Bool) {
        self.id = id
        self.name = name
        self.role = role
        self.prefix = prefix
        self.revoked = revoked
    }

    /// A new secret: `pyk_` and 256 random bits, URL-safe.
    public static func newSecret() -> String {
        "pyk_" + Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// What is stored of a secret: its SHA-256.
    public static func hash(of secret: String) -> Data {
        Data(SHA256.hash(data: Data(secret.utf8)))
    }
}
