/// `assessment.csv`: the year-end target-responsibility assessment, one row per department
/// (部门代码) or per chief (工号), with the four dimension scores, each 0–100.
public enum AssessmentFormat: ImportFormat {
    /// Columns of the assessment file.
    public static let columns = [
        CSVColumn("departmentCode", ["部门代码", "department_code"], required: false),
        CSVColumn("employeeNumber", ["工号", "employee_number"], required: false),
        CSVColumn("leadership", ["组织领导", "leadership"]),
        CSVColumn("publicity", ["工作宣传", "publicity"]),
        CSVColumn("implementation", ["任务落实", "implementation"]),
        CSVColumn("highlights", ["工作亮点", "highlights"]),
        CSVColumn("note", ["备注", "note"], required: false),
    ]

    /// The department or chief.
    public static let keyName = "部门代码/工号"

    /// Reads a row.
    public static func read(_ fields: inout FieldReader) -> AssessmentRow? {
        let department = fields.raw("departmentCode")
        let chief = fields.raw("employeeNumber")
        var target: AssessmentRow.Target?
        switch (department, chief) {
        case (nil, nil): fields.fail(nil, "须填写部门代码或工号之一")
        case (.some, .some): fields.fail(nil, "部门代码和工号只能填写一个")
        case (.some, nil): target = fields.code("departmentCode").map { .department($0) }
        case (nil, .some): target = fields.code("employeeNumber").map { .chief($0) }
        }
        let leadership = fields.score("leadership")
        let publicity = fields.score("publicity")
        let implementation = fields.score("implementation")
        let highlights = fields.score("highlights")
        let note = fields.optionalText("note", maxLength: 500)
        guard let target, let leadership, let publicity, let implementation, let highlights else { return nil }
        return AssessmentRow(
            target: target,
            scores: AssessmentScores(leadership: leadership, publicity: publicity, implementation: implementation, highlights: highlights),
            note: note)
    }

    /// The department or chief.
    public static func key(of row: AssessmentRow) -> String { row.target.description }
}

extension FieldReader {
    /// A required score, 0–100 with at most two decimals.
    mutating func score(_ key: String) -> Double? {
        guard let value = text(key, maxLength: 10) else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            parts.count == 1 || parts[1].count <= 2, let number = Double(value), (0...100).contains(number)
        else {
            fail(key, "「\(value)」应为 0–100 的分数（最多两位小数）")
            return nil
        }
        return number
    }
}
