import Foundation

/// A download's `Content-Disposition`: the Chinese name the office sees in its downloads folder
/// (RFC 6266 `filename*`, UTF-8), and an ASCII name for clients that read only `filename`.
enum AttachmentName {
    static func header(ascii: String, chinese: String) -> String {
        "attachment; filename=\"\(ascii)\"; filename*=UTF-8''" + (chinese.addingPercentEncoding(withAllowedCharacters: attrChar) ?? ascii)
    }

    /// RFC 5987's attr-char: what a `filename*` value may hold unescaped.
    private static let attrChar = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
}
