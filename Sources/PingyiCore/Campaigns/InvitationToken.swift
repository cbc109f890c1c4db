import Crypto
import Foundation

/// A one-time capability: 128 random bits from a cryptographic generator, written as 22
/// URL-safe base64 characters. Only its SHA-256 is ever stored.
public struct InvitationToken: Hashable, Sendable {
    /// The 16 random bytes.
    public let bytes: Data

    /// A new random token.
    public static func random() -> InvitationToken {
        let key = SymmetricKey(size: .bits128)
        return InvitationToken(bytes: key.withUnsafeBytes { Data($0) })
    }

    /// Reads a token from a link; `nil` unless it is exactly 22 URL-safe base64 characters.
    public init?(text: String) {
        guard text.utf8.count == 22,
            text.utf8.allSatisfy({ InvitationToken.alphabet.contains($0) })
        else { return nil }
        guard let data = Base64URL.decode(text), data.count == 16 else { return nil }
        bytes = data
    }

    private init(bytes: Data) {
        self.bytes = bytes
    }

    /// The 22-character text that goes into the link.
    public var text: String {
        Base64URL.encode(bytes)
    }

    /// What is stored: SHA-256 of the 16 bytes.
    public var hash: Data {
        Data(SHA256.hash(data: bytes))
    }

    private static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
}
