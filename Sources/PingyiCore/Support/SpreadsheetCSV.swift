import CSV
import Foundation

/// CSV for the office's spreadsheets (Excel, WPS): UTF-8 with a byte-order mark so that Chinese
/// opens correctly, CRLF line ends, RFC 4180 quoting, and every cell that a spreadsheet would
/// read as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) neutralised with a leading `'`.
public enum SpreadsheetCSV {
    /// The file's bytes.
    public static func make(header: [String], rows: [[String]]) -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        defer { stream.close() }
        var bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        _ = stream.write(&bom, maxLength: 3)
        // Writing to memory cannot fail; a failure would show as a missing row in the tests.
        if let writer = try? CSVWriter(stream: stream, newline: .crlf) {
            try? writer.write(row: header.map(neutralised))
            for row in rows {
                try? writer.write(row: row.map(neutralised))
            }
        }
        var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(contentsOf: [0x0D, 0x0A])  // the writer puts breaks between rows; end the last one too
        return data
    }

    /// A cell that cannot be taken for a formula.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + cell : cell
    }
}
