import Foundation
import Hummingbird
import NIOPosix
import PingyiCore
import PingyiXLSX

/// A table as a file to download: the CSV (UTF-8 with BOM) or the .xlsx, by the path's ending.
enum SpreadsheetDownload: String, Sendable {
    case csv
    case xlsx

    /// The response. The .xlsx is written on NIO's thread pool: libxlsxwriter writes a file, and
    /// file I/O must not block Swift's cooperative threads.
    func response(_ sheet: Spreadsheet, name: String, cacheControl: String? = nil) async throws -> Response {
        var headers: HTTPFields = [.contentDisposition: "attachment; filename=\"\(name).\(rawValue)\""]
        if let cacheControl { headers[.cacheControl] = cacheControl }
        switch self {
        case .csv:
            headers[.contentType] = "text/csv; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: sheet.csv)))
        case .xlsx:
            headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            let data = try await NIOThreadPool.singleton.runIfActive { try XLSXWorkbook.data(sheet) }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
        }
    }
}
