import Foundation
import Hummingbird
import PingyiCore
import PingyiWorkflows

/// A table as a file to download: the CSV (UTF-8 with BOM) or the .xlsx, by the path's ending.
enum SpreadsheetDownload: String, Sendable {
    case csv
    case xlsx

    /// The download a path asks for: `.xlsx` by its ending, else the CSV (one handler serves both).
    init(path: String) {
        self = path.hasSuffix(".xlsx") ? .xlsx : .csv
    }

    /// The response (the .xlsx made by `SpreadsheetExport.xlsx`, off the cooperative threads).
    /// `chinese` is the name the office sees (without the ending); `name` the ASCII fallback.
    /// The .xlsx is `workbook` when given (a table split into sheets), else the one sheet.
    func response(
        _ sheet: Spreadsheet, name: String, chinese: String? = nil, cacheControl: String? = nil, workbook: [Spreadsheet]? = nil
    ) async throws -> Response {
        var headers: HTTPFields = [
            .contentDisposition: chinese.map { AttachmentName.header(ascii: "\(name).\(rawValue)", chinese: "\($0).\(rawValue)") }
                ?? "attachment; filename=\"\(name).\(rawValue)\""
        ]
        if let cacheControl { headers[.cacheControl] = cacheControl }
        switch self {
        case .csv:
            headers[.contentType] = "text/csv; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: sheet.csv)))
        case .xlsx:
            headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            let data = try await SpreadsheetExport.xlsx(workbook ?? [sheet])
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
        }
    }
}
