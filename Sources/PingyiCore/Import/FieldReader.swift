/// Reads and validates the fields of one record, collecting every problem instead of stopping
/// at the first. Each accessor returns `nil` (and records an issue) for a bad value.
public struct FieldReader: Sendable {
    let table: CSVTable
    /// The record being read.
    public let record: CSVRecord
    /// The problems found so far.
    public private(set) var issues: [FileIssue] = []

    init(table: CSVTable, record: CSVRecord) {
        self.table = table
        self.record = record
        let expected = table.document.header.count
        if record.fields.count != expected {
            issues.append(
                FileIssue(
                    file: table.document.file, line: record.line,
                    message: "本行有 \(record.fields.count) 列，表头有 \(expected) 列"))
        }
    }

    /// Records a problem in a column (or in the row when `key` is nil).
    public mutating func fail(_ key: String?, _ message: String) {
        issues.append(
            FileIssue(
                file: table.document.file, line: record.line, column: key.map { table.headerName(of: $0) }, message: message))
    }

    /// The trimmed value, or `nil` when the column is absent or the cell blank.
    public func raw(_ key: String) -> String? {
        guard let position = table.position(of: key), position < record.fields.count else { return nil }
        let value = record.fields[position].trimmingSpaces()
        return value.isEmpty ? nil : value
    }

    /// A required text of at most `maxLength` characters, without control characters.
    public mutating func text(_ key: String, maxLength: Int = 100) -> String? {
        guard let value = raw(key) else {
            fail(key, "不能为空")
            return nil
        }
        return checked(key, value, maxLength: maxLength)
    }

    /// An optional text: `nil` when blank.
    public mutating func optionalText(_ key: String, maxLength: Int = 100) -> String? {
        guard let value = raw(key) else { return nil }
        return checked(key, value, maxLength: maxLength)
    }

    /// A required code: 1–32 ASCII letters, digits, `-` or `_`, in capitals (xzsp reads as XZSP).
    public mutating func code(_ key: String) -> String? {
        guard let value = text(key, maxLength: 32) else { return nil }
        guard
            value.utf8.allSatisfy({ byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_")
            })
        else {
            fail(key, "「\(value)」只能由字母、数字、- 和 _ 组成")
            return nil
        }
        // Codes are the office's, typed by hand as often as not: xzsp and XZSP are one department.
        return value.uppercased()
    }

    /// A yes/no cell (是/否, 在职/离职, true/false, 1/0, Y/N); `defaultValue` when blank.
    public mutating func flag(_ key: String, default defaultValue: Bool) -> Bool {
        guard let value = raw(key) else { return defaultValue }
        switch value.lowercased() {
        case "是", "在职", "有效", "启用", "true", "yes", "y", "1": return true
        case "否", "离职", "无效", "停用", "false", "no", "n", "0": return false
        default:
            fail(key, "「\(value)」应为 是 或 否")
            return defaultValue
        }
    }

    /// An optional date (`2019-03-01`, `2019/3/1`).
    public mutating func optionalDate(_ key: String) -> CivilDate? {
        guard let value = raw(key) else { return nil }
        guard let date = CivilDate(parsing: value) else {
            fail(key, "「\(value)」不是有效日期（格式 2019-03-01）")
            return nil
        }
        return date
    }

    /// A required year, 2000–2100.
    public mutating func year(_ key: String) -> Int? {
        guard let value = text(key, maxLength: 10) else { return nil }
        guard value.count == 4, let year = AppraisalYearNumber(validating: Int(value))?.value else {
            fail(key, "「\(value)」不是有效年度（2000–2100 的四位数字）")
            return nil
        }
        return year
    }

    /// A required 统一社会信用代码.
    public mutating func creditCode(_ key: String) -> CreditCode? {
        guard let value = text(key, maxLength: 40) else { return nil }
        do {
            return try CreditCode(validating: value)
        } catch {
            fail(key, "「\(value)」\(error)")
            return nil
        }
    }

    /// An optional phone number: digits with `-`, `+`, spaces or parentheses, 5–20 characters.
    public mutating func optionalPhone(_ key: String) -> String? {
        guard let value = raw(key) else { return nil }
        let allowed = Set("0123456789-+ ()")
        guard (5...20).contains(value.count), value.allSatisfy({ allowed.contains($0) }) else {
            fail(key, "「\(value)」不是有效电话号码")
            return nil
        }
        return value
    }

    private mutating func checked(_ key: String, _ value: String, maxLength: Int) -> String? {
        // Printable ASCII has no control character and as many characters as bytes.
        if value.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) {
            if value.utf8.count > maxLength {
                fail(key, "超过 \(maxLength) 个字符")
                return nil
            }
            return value
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fail(key, "含有控制字符")
            return nil
        }
        if value.count > maxLength {
            fail(key, "超过 \(maxLength) 个字符")
            return nil
        }
        return value
    }
}
