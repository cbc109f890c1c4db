/// `dealings.csv`: which departments a merchant dealt with in which year.
public enum DealingFormat: ImportFormat {
    /// Columns of the dealings file.
    public static let columns = [
        CSVColumn("creditCode", ["统一社会信用代码", "credit_code"]),
        CSVColumn("year", ["年度", "year"]),
        CSVColumn("departmentCode", ["部门代码", "department_code"]),
    ]

    /// The three columns together.
    public static let keyName = "统一社会信用代码+年度+部门代码"

    /// Reads a dealing's row.
    public static func read(_ fields: inout FieldReader) -> Dealing? {
        let creditCode = fields.creditCode("creditCode")
        let year = fields.year("year")
        let departmentCode = fields.code("departmentCode")
        guard let creditCode, let year, let departmentCode else { return nil }
        return Dealing(creditCode: creditCode, year: year, departmentCode: departmentCode)
    }

    /// Merchant, year and department.
    public static func key(of row: Dealing) -> String { "\(row.creditCode.value)/\(row.year)/\(row.departmentCode)" }

    /// A warning when rows of `document` are for other years than `year` (an office uploading
    /// 2027's list from the 2027 page rarely means to add 2026's too): which years, how many
    /// rows; `nil` when every row is for `year`.
    public static func otherYears(_ document: CSVDocument, year: Int) -> String? {
        let parsed = parse(document)
        var others: [Int: Int] = [:]
        for row in parsed.rows where row.value.year != year { others[row.value.year, default: 0] += 1 }
        guard !others.isEmpty else { return nil }
        let listed = others.sorted { $0.key < $1.key }.map { "\($0.key) 年 \($0.value) 行" }.joined(separator: "、")
        return "注意：文件中有不是 \(year) 年度的办事记录（\(listed)），确认后将计入各自的年度。如只想导入 \(year) 年度，请删去这些行后重新上传。"
    }
}
