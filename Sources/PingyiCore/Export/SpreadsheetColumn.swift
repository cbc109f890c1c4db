/// A column of an exported table: its Chinese header, its width in characters (a CJK character
/// counts two) and how its numbers are shown.
public struct SpreadsheetColumn: Hashable, Sendable {
    /// The header.
    public var header: String
    /// The width in characters.
    public var width: Double
    /// The number format.
    public var format: SpreadsheetFormat

    /// Makes a column.
    public init(_ header: String, width: Double, _ format: SpreadsheetFormat = .text) {
        self.header = header
        self.width = width
        self.format = format
    }
}
