import CXLSXWriter
import Foundation
import PingyiCore

/// Writes a `Spreadsheet` as an .xlsx workbook with libxlsxwriter (Debian's libxlsxwriter-dev):
/// the title in the first row, the Chinese headers bold in the second, both frozen, an autofilter
/// on the headers, each column its width and number format, numbers stored as numbers and text as
/// text (a cell starting with `=` stays text: nothing is written as a formula). Printed, each
/// sheet is A4 landscape, one page wide, with its title and headers repeated on every page.
///
/// libxlsxwriter writes to a file, so the workbook is made in a private temporary folder (0700)
/// and read back; callers on Swift's cooperative threads run this on a thread pool.
public enum XLSXWorkbook {
    /// The workbook's bytes.
    public static func data(_ sheet: Spreadsheet) throws -> Data {
        try data([sheet])
    }

    /// The bytes of a workbook of `sheets`, in order.
    public static func data(_ sheets: [Spreadsheet]) throws -> Data {
        var template = Array((NSTemporaryDirectory() + "/pingyi-xlsx-XXXXXX").utf8CString)
        guard let folder = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw XLSXError.failed("无法创建临时目录（errno \(errno)）")
        }
        let path = folder + "/export.xlsx"
        defer {
            unlink(path)
            rmdir(folder)
        }
        try write(sheets, to: path, scratch: folder)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    static func write(_ sheets: [Spreadsheet], to path: String, scratch: String) throws {
        guard let sheet = sheets.first else { throw XLSXError.failed("工作簿没有工作表") }
        let workbook: UnsafeMutablePointer<lxw_workbook>? = scratch.withCString { tmpdir in
            var options = lxw_workbook_options(constant_memory: 0, tmpdir: UnsafeMutablePointer(mutating: tmpdir), use_zip64: 0)
            return workbook_new_opt(path, &options)
        }
        guard let workbook else { throw XLSXError.failed("libxlsxwriter 无法创建工作簿") }
        var closed = false
        defer { if !closed { workbook_close(workbook) } }

        let title = strdup(sheet.title)
        let author = strdup("评议 Pingyi")
        defer {
            free(title)
            free(author)
        }
        var properties = lxw_doc_properties()
        properties.title = title
        properties.author = author
        workbook_set_properties(workbook, &properties)

        let titleFormat = workbook_add_format(workbook)
        format_set_bold(titleFormat)
        format_set_font_size(titleFormat, 14)
        let headerFormat = workbook_add_format(workbook)
        format_set_bold(headerFormat)
        format_set_text_wrap(headerFormat)
        format_set_align(headerFormat, UInt8(LXW_ALIGN_CENTER.rawValue))
        format_set_align(headerFormat, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        format_set_bg_color(headerFormat, 0xDDE7F0)
        format_set_border(headerFormat, UInt8(LXW_BORDER_THIN.rawValue))

        for sheet in sheets {
            try add(sheet, to: workbook, titleFormat: titleFormat, headerFormat: headerFormat)
        }
        closed = true
        try check(workbook_close(workbook))
    }

    /// One worksheet: title, headers, cells, frozen panes, autofilter and print setup.
    static func add(
        _ sheet: Spreadsheet, to workbook: UnsafeMutablePointer<lxw_workbook>, titleFormat: UnsafeMutablePointer<lxw_format>?,
        headerFormat: UnsafeMutablePointer<lxw_format>?
    ) throws {
        guard let worksheet = workbook_add_worksheet(workbook, sheet.sheetName.isEmpty ? nil : sheet.sheetName) else {
            throw XLSXError.failed("工作表名无效：\(sheet.sheetName)")
        }
        var columnFormats: [UnsafeMutablePointer<lxw_format>?] = []
        for (index, column) in sheet.columns.enumerated() {
            let format = workbook_add_format(workbook)
            format_set_num_format(format, column.format.code)
            if column.format == .text, column.width >= 30 { format_set_text_wrap(format) }
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            columnFormats.append(format)
            try check(worksheet_set_column(worksheet, lxw_col_t(index), lxw_col_t(index), column.width, format))
        }
        try check(worksheet_write_string(worksheet, 0, 0, sheet.title, titleFormat))
        try check(worksheet_set_row(worksheet, 0, 22, nil))
        for (index, column) in sheet.columns.enumerated() {
            try check(worksheet_write_string(worksheet, 1, lxw_col_t(index), column.header, headerFormat))
        }
        for (offset, row) in sheet.rows.enumerated() {
            let line = lxw_row_t(offset + 2)
            for (index, cell) in row.enumerated() where index < sheet.columns.count {
                let format = columnFormats[index]
                switch cell {
                case .empty: continue
                case .number(let value): try check(worksheet_write_number(worksheet, line, lxw_col_t(index), value, format))
                case .text(let text): try check(worksheet_write_string(worksheet, line, lxw_col_t(index), text, format))
                }
            }
        }
        worksheet_freeze_panes(worksheet, 2, 0)
        if !sheet.columns.isEmpty {
            try check(worksheet_autofilter(worksheet, 1, 0, lxw_row_t(max(1, sheet.rows.count + 1)), lxw_col_t(sheet.columns.count - 1)))
        }
        // Printed: A4 landscape, as wide as one page, the title and headers on every page.
        worksheet_set_landscape(worksheet)
        worksheet_set_paper(worksheet, 9)
        worksheet_set_margins(worksheet, 0.4, 0.4, 0.6, 0.6)
        worksheet_fit_to_pages(worksheet, 1, 0)
        try check(worksheet_repeat_rows(worksheet, 0, 1))
        worksheet_set_footer(worksheet, "&C第 &P 页，共 &N 页")
    }

    static func check(_ error: lxw_error) throws {
        guard error == LXW_NO_ERROR else {
            throw XLSXError.failed(String(cString: lxw_strerror(error)))
        }
    }
}
