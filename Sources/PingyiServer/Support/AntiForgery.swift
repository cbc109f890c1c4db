import Crypto
import Foundation
import PingyiCore

/// The anti-forgery token of a form: an HMAC of the invitation's hash under the process's key,
/// so only a page this server rendered for this invitation can post it.
struct AntiForgery: Sendable {
    private let secret: Data

    /// Uses `secret`, or a random key for this process.
    init(secret: Data?) {
        self.secret = secret ?? SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// The token for a form of the invitation whose token hash is `tokenHash`.
    func token(for tokenHash: Data) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("pingyi-form:".utf8) + tokenHash, using: key)
        return Base64URL.encode(Data(code))
    }

    /// Whether `presented` is the token for `tokenHash` (compared in constant time).
    func verify(_ presented: String?, for tokenHash: Data) -> Bool {
        guard let presented, let code = Base64URL.decode(presented) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Data("pingyi-form:".utf8) + tokenHash, using: key)
    }
}
