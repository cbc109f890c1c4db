/// A plain-text table for the terminal that lines up Chinese text: a CJK character takes two
/// columns.
struct TextTable {
    let header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) {
        self.header = header
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The whole table as one string, its lines joined by newlines.
    var rendered: String {
        var lines: [String] = []
        writeLines { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// Prints the table a line at a time (a province's 30,000 rows never become one string).
    func print() {
        writeLines { Swift.print($0) }
    }

    /// Hands `write` the header, the rule and each row, one line at a time, without newlines.
    func writeLines(_ write: (String) -> Void) {
        var widths = header.map(TextTable.width)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], TextTable.width(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - TextTable.width(cell))
            }.joined(separator: "  ")
        }
        write(line(header))
        write(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for row in rows { write(line(row)) }
    }

    /// Terminal columns of `text`.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            if scalar.value < 0x1100 { return total + 1 }
            let wide =
                (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFE30...0xFE4F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
                || (0xFFE0...0xFFE6).contains(scalar.value)
            return total + (wide ? 2 : 1)
        }
    }
}
