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

    /// The workbook's bytes, made on NIO's thread pool: libxlsxwriter writes files, and file I/O
    /// must not block Swift's cooperative threads.
    public static func xlsx(_ sheet: Spreadsheet) async throws -> Data {
        try await xlsx([sheet])
    }

    /// A workbook of several sheets, the same way.
    public static func xlsx(_ sheets: [Spreadsheet]) async throws -> Data {
        try await NIOThreadPool.singleton.runIfActive { try XLSXWorkbook.data(sheets) }
    }

    /// Writes `sheet` to `path`, as .xlsx or CSV by its ending; the .xlsx is `workbook` when
    /// given (a table split into sheets, as HR's lists are), else the one sheet.
    public static func write(_ sheet: Spreadsheet, to path: String, workbook: [Spreadsheet]? = nil) async throws {
        let data = try format(path) == "xlsx" ? try await xlsx(workbook ?? [sheet]) : sheet.csv
        try PrivateFile.create(path, contents: data)
    }
}
