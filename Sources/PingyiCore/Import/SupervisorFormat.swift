/// `supervisors.csv`: the special supervisors, keyed by their number.
public enum SupervisorFormat: ImportFormat {
    /// Columns of the supervisors file.
    public static let columns = [
        CSVColumn("code", ["编号", "code"]),
        CSVColumn("name", ["姓名", "name"]),
        CSVColumn("category", ["类别", "category"]),
        CSVColumn("affiliation", ["工作单位", "affiliation"], required: false),
        CSVColumn("phone", ["联系电话", "phone"], required: false),
        CSVColumn("active", ["在职", "active"], required: false),
    ]

    /// 编号.
    public static let keyName = "编号"

    /// Reads a supervisor's row.
    public static func read(_ fields: inout FieldReader) -> Supervisor? {
        let code = fields.code("code")
        let name = fields.text("name", maxLength: 50)
        var category: SupervisorCategory?
        if let value = fields.text("category", maxLength: 20) {
            category = SupervisorCategory(rawValue: value)
            if category == nil {
                let allowed = SupervisorCategory.allCases.map(\.rawValue).joined(separator: "、")
                fields.fail("category", "「\(value)」不是有效类别（\(allowed)）")
            }
        }
        let affiliation = fields.optionalText("affiliation", maxLength: 100)
        let phone = fields.optionalPhone("phone")
        let active = fields.flag("active", default: true)
        guard let code, let name, let category else { return nil }
        return Supervisor(code: code, name: name, category: category, affiliation: affiliation, phone: phone, active: active)
    }

    /// The supervisor's number.
    public static func key(of row: Supervisor) -> String { row.code }
}
