import Crypto
import Foundation

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
        return Data(code).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether `presented` is the token for `tokenHash` (compared in constant time).
    func verify(_ presented: String?, for tokenHash: Data) -> Bool {
        guard let presented else { return false }
        var base64 = presented.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let code = Data(base64Encoded: base64) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Data("pingyi-form:".utf8) + tokenHash, using: key)
    }
}
