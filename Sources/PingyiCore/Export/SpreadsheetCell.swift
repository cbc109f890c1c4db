/// One cell of an exported table: text, a number (a spreadsheet can sum and sort it), or nothing.
public enum SpreadsheetCell: Hashable, Sendable {
    /// Text, shown as is (never read as a formula).
    case text(String)
    /// A number, shown in its column's format.
    case number(Double)
    /// An empty cell.
    case empty
}
