import Foundation

/// A note the office or a department writes (a 处理说明, 办理情况, a step's 情况): trimmed of
/// surrounding whitespace and newlines, at most 2,000 characters. Whether a note may be empty is
/// the caller's rule, and so is the message for one that is too long.
public struct Note: Hashable, Sendable, CustomStringConvertible {
    /// The most characters a note may have (after trimming).
    public static let maxLength = 2000

    /// The trimmed text.
    public let text: String

    /// The note, trimmed; nil when it is longer than `maxLength` characters.
    public init?(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= Self.maxLength else { return nil }
        self.text = trimmed
    }

    /// Nothing but whitespace was written.
    public var isEmpty: Bool { text.isEmpty }

    /// The trimmed text.
    public var description: String { text }
}
