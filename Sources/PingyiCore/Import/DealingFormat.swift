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
}
