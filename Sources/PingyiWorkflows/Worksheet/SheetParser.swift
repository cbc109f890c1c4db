import Foundation
import PingyiCore

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A worksheet's `<row>`s and `<mergeCell>`s.
final class SheetParser: NSObject, XMLParserDelegate {
    struct Row {
        let number: Int
        var cells: [String]

        /// The cells without the empty ones at the end (a formatted but empty cell is written).
        var trimmed: [String] {
            Array(cells.reversed().drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }.reversed())
        }
    }

    struct Merge {
        let reference: String
        let firstRow: Int
        let lastRow: Int
    }

    private let shared: [String]
    private let dateStyles: Set<Int>
    private(set) var rows: [Row] = []
    private(set) var merges: [Merge] = []
    private var column = 0
    private var type = ""
    private var style = 0
    private var value = ""
    private var collecting = false

    init(shared: [String], dateStyles: Set<Int> = []) {
        self.shared = shared
        self.dateStyles = dateStyles
    }

    /// A number cell as a person reads it: the shortest text that is the same number (Excel
    /// stores 95.4 as 95.400000000000006), whole numbers without a point or exponent.
    static func number(_ value: String) -> String {
        guard let number = Double(value), number.isFinite, value.contains(where: { ".eE".contains($0) }) else { return value }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        let text = "\(number)"
        return text.contains("e") ? value : text
    }

    /// A date cell's serial number (days since 1899-12-30, Excel's 1900 system) as 2027-03-05;
    /// the number itself when it is not a day of the years Pingyi deals with.
    static func date(_ value: String) -> String {
        // 2000-01-01 is day 36,526; CivilDate knows 1900–2100, Excel's day 61 (1900-03-01) on.
        guard let serial = Double(value), serial >= 61, serial < 73_051,
            let date = CivilDate(year: 2000, month: 1, day: 1)?.adding(days: Int(serial.rounded(.down)) - 36_526)
        else { return number(value) }
        return date.description
    }

    /// The 0-based column of a cell reference such as `C7`.
    static func column(_ reference: String) -> Int? {
        var number = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            number = number * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : number - 1
    }

    /// The row of a cell reference such as `C7`.
    static func row(_ reference: String) -> Int? {
        Int(reference.drop { $0.isLetter })
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? ((rows.last?.number ?? 0) + 1)
            rows.append(Row(number: number, cells: []))
            column = 0
        case "c":
            if let reference = attributes["r"], let at = Self.column(reference) { column = at }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            collecting = true
        case "mergeCell":
            let reference = attributes["ref"] ?? ""
            let corners = reference.split(separator: ":").map(String.init)
            if let first = corners.first.flatMap(Self.row) {
                merges.append(Merge(reference: reference, firstRow: first, lastRow: corners.last.flatMap(Self.row) ?? first))
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            collecting = false
        case "c":
            guard !rows.isEmpty, column < 16_384 else { return }
            let text =
                switch type {
                case "s": Int(value).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
                case "b": value == "1" ? "是" : "否"
                case "n": dateStyles.contains(style) ? Self.date(value) : Self.number(value)
                default: value
                }
            var cells = rows[rows.count - 1].cells
            if cells.count < column { cells += Array(repeating: "", count: column - cells.count) }
            if cells.count == column { cells.append(text) } else { cells[column] = text }
            rows[rows.count - 1].cells = cells
            column += 1
        default:
            break
        }
    }
}
