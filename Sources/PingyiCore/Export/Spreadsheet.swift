import Foundation

/// A table HR or the organization department opens in Excel or WPS: the one description both
/// the CSV and the .xlsx are made from, so the two never differ in columns or figures.
public struct Spreadsheet: Hashable, Sendable {
    /// The sheet's title, the first line of the .xlsx (e.g. 「2025 年度股室长拟晋升/评优和拟调整名单」).
    public var title: String
    /// The worksheet's name (at most 31 characters, none of `[]:*?/\`).
    public var sheetName: String
    /// The columns.
    public var columns: [SpreadsheetColumn]
    /// The rows, a cell per column.
    public var rows: [[SpreadsheetCell]]

    /// Makes a table; a row with fewer cells than columns is padded with empty cells.
    public init(title: String, sheetName: String, columns: [SpreadsheetColumn], rows: [[SpreadsheetCell]]) {
        self.title = title
        self.sheetName = String(sheetName.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        self.columns = columns
        self.rows = rows.map { $0.count < columns.count ? $0 + Array(repeating: .empty, count: columns.count - $0.count) : $0 }
    }

    /// The CSV: a header line, then the rows (UTF-8 with BOM, see `SpreadsheetCSV`).
    public var csv: Data {
        SpreadsheetCSV.make(
            header: columns.map(\.header),
            rows: rows.map { row in zip(columns, row).map { column, cell in column.format.text(cell) } })
    }
}
