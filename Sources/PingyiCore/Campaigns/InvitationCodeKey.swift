import Crypto
import Foundation

/// The server-side secret that typed codes are stored under: the database keeps
/// HMAC-SHA256(key, code), never a plain hash. A code has about 59 bits; a plain SHA-256 of it
/// could be searched offline from a stolen backup, the keyed one cannot without this key, which
/// is never in the database (`PINGYI_CODE_SECRET`, or the file the command-line tool and the
/// server keep it in).
public struct InvitationCodeKey: Sendable, Equatable {
    /// The key's bytes.
    let bytes: Data

    /// The key of a secret of at least 32 bytes; `nil` for a shorter one.
    public init?(secret: Data) {
        guard secret.count >= 32 else { return nil }
        bytes = secret
    }

    /// A new random key (32 bytes from the system's generator), as its secret's text.
    public static func randomSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// What the database stores for `code`.
    public func mac(_ code: InvitationCode) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(code.text.utf8), using: SymmetricKey(data: bytes)))
    }
}
