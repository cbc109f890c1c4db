/// An .xlsx that could not be written (disk full, a library error): the export fails with the
/// library's reason instead of handing out a broken file.
public enum XLSXError: Error, CustomStringConvertible, Equatable {
    /// libxlsxwriter's reason.
    case failed(String)

    public var description: String {
        switch self {
        case .failed(let reason): "无法生成 Excel 文件：\(reason)"
        }
    }
}
