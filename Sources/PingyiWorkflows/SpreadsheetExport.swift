import Foundation
import NIOPosix
import PingyiCore
import PingyiXLSX

/// Writing a table the office hands on (HR's list, the ranking) to a file: `.xlsx` or `.csv` by
/// the name's ending, as a private file (personal data: readable by the office's account only,
/// never over an existing file).
public enum SpreadsheetExport {
    /// The format `path` asks for by its ending: `xlsx` or `csv`.
    public static func format(_ path: String) throws -> String {
        let ending = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard ["xlsx", "csv"].contains(ending) else { throw WorkflowError("--out 须以 .xlsx 或 .csv 结尾（收到 \(path)）") }
        return ending
    }

    /// Writes `sheet` to `path`. The .xlsx is made on NIO's thread pool (libxlsxwriter writes files).
    public static func write(_ sheet: Spreadsheet, to path: String) async throws {
        let data = try format(path) == "xlsx" ? try await NIOThreadPool.singleton.runIfActive { try XLSXWorkbook.data(sheet) } : sheet.csv
        try PrivateFile.create(path, contents: data)
    }
}
