import Foundation

/// Standard error for the text log format (`StreamLogHandler`, the default of `pingyi`): every
/// control character of a line — in the message, a metadata value, anything — is written as an
/// escape (`\n`, `\r`, `\t`, `\u{1B}`; a backslash as `\\`), so that a logged value cannot break
/// its line or forge another one (a login typed as `x\n… notice console: signed in` was a line of
/// its own). Only the line's own final newline is left. (The JSON format escapes by itself.)
public struct EscapedLogStream: TextOutputStream, Sendable {
    let write: @Sendable (String) -> Void

    /// A stream writing each escaped line with `write` (standard error by default).
    public init(write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.write = write
    }

    /// Writes one line (`StreamLogHandler` writes each line in one call, ending in a newline).
    public mutating func write(_ string: String) {
        let ending = string.utf8.last == UInt8(ascii: "\n")
        let body = ending ? String(string.unicodeScalars.dropLast()) : string
        write(Self.escaped(body) + (ending ? "\n" : ""))
    }

    /// `text` with its control characters, line and paragraph separators and backslashes escaped.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where needsEscape(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\\" || scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
