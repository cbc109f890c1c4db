import Crypto
import Foundation
import PingyiCore

/// The anti-forgery token of a form: an HMAC of what the form is bound to (an invitation's hash,
/// a console session) under the process's key, so only a page this server rendered for it can
/// post it.
///
/// A ballot form's token also carries the form's `FormGrant` (its campaign and departments) under
/// the same HMAC, so the post can be checked without looking the invitation up (one round trip
/// per ballot: the claim). It is `mac.grant`, both base64url; the grant part is empty when a
/// department code cannot be written into it, and such a post is looked up as before.
struct AntiForgery: Sendable {
    private let secret: Data

    /// Uses `secret`, or a random key for this process.
    init(secret: Data?) {
        self.secret = secret ?? SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// The token for a form bound to `binding` (a console page's).
    func token(for binding: Data) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("pingyi-form:".utf8) + binding, using: key)
        return Base64URL.encode(Data(code))
    }

    /// Whether `presented` is the token for `binding` (compared in constant time).
    func verify(_ presented: String?, for binding: Data) -> Bool {
        guard let presented, let code = Base64URL.decode(presented) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Data("pingyi-form:".utf8) + binding, using: key)
    }

    private static func message(_ binding: Data, grant: Data) -> Data {
        Data("pingyi-ballot-form:".utf8) + binding + Data("|".utf8) + grant
    }

    /// The token for a ballot form of the invitation bound to `binding` (its token's hash, or a
    /// hash of its typed code) showing `grant`.
    func token(for binding: Data, grant: FormGrant?) -> String {
        let grantBytes = Data((grant?.text ?? "").utf8)
        let code = HMAC<SHA256>.authenticationCode(for: Self.message(binding, grant: grantBytes), using: key)
        return Base64URL.encode(Data(code)) + "." + Base64URL.encode(grantBytes)
    }

    /// What a presented token says.
    enum Check: Equatable {
        /// Not a token this server made for this invitation.
        case forged
        /// Made for this invitation, with the grant it carries (if any).
        case valid(FormGrant?)
    }

    /// Checks a ballot form's `presented` token against the invitation bound to `binding` (in
    /// constant time).
    func check(_ presented: String?, for binding: Data) -> Check {
        guard let presented else { return .forged }
        let parts = presented.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let code = Base64URL.decode(String(parts[0])), let grantBytes = Base64URL.decode(String(parts[1])) else {
            return .forged
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Self.message(binding, grant: grantBytes), using: key) else {
            return .forged
        }
        if grantBytes.isEmpty { return .valid(nil) }
        return .valid(String(data: grantBytes, encoding: .utf8).flatMap(FormGrant.init(text:)))
    }
}
