import Foundation

/// How a column's numbers are shown: the same in the CSV's text and the spreadsheet's format.
public enum SpreadsheetFormat: Hashable, Sendable {
    /// Text.
    case text
    /// Whole numbers.
    case integer
    /// Numbers with this many decimals (scores: the policy's `decimals`).
    case decimal(Int)
    /// A share 0–1 shown as a percentage with one decimal.
    case percent

    /// The number format code of a spreadsheet cell (Excel's notation).
    public var code: String {
        switch self {
        case .text: "@"
        case .integer: "0"
        case .decimal(let places): places > 0 ? "0." + String(repeating: "0", count: places) : "0"
        case .percent: "0.0%"
        }
    }

    /// The cell as the CSV writes it.
    public func text(_ cell: SpreadsheetCell) -> String {
        switch cell {
        case .empty: ""
        case .text(let text): text
        case .number(let value):
            switch self {
            case .text, .integer: value == value.rounded() ? String(Int(value)) : "\(value)"
            case .decimal(let places): String(format: "%.\(places)f", value)
            case .percent: Figures.percent(value)
            }
        }
    }
}
