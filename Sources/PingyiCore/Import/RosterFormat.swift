/// `roster.csv`: one row per chief, with department and section; departments and sections are
/// created from it.
public enum RosterFormat: ImportFormat {
    /// Columns of the roster file.
    public static let columns = [
        CSVColumn("departmentCode", ["部门代码", "department_code"]),
        CSVColumn("departmentName", ["部门名称", "department_name"]),
        CSVColumn("section", ["股室", "section"]),
        CSVColumn("employeeNumber", ["工号", "employee_number"]),
        CSVColumn("name", ["姓名", "name"]),
        CSVColumn("position", ["职务", "position"]),
        CSVColumn("startDate", ["任职日期", "start_date"], required: false),
        CSVColumn("active", ["在职", "active"], required: false),
    ]

    /// 工号.
    public static let keyName = "工号"

    /// Reads a chief's row.
    public static func read(_ fields: inout FieldReader) -> RosterRow? {
        let departmentCode = fields.code("departmentCode")
        let departmentName = fields.text("departmentName", maxLength: 100)
        let section = fields.text("section", maxLength: 50)
        let employeeNumber = fields.code("employeeNumber")
        let name = fields.text("name", maxLength: 50)
        let position = fields.text("position", maxLength: 30)
        let startDate = fields.optionalDate("startDate")
        let active = fields.flag("active", default: true)
        guard let departmentCode, let departmentName, let section, let employeeNumber, let name, let position else {
            return nil
        }
        return RosterRow(
            department: Department(code: departmentCode, name: departmentName),
            chief: Chief(
                employeeNumber: employeeNumber, name: name,
                section: Section(departmentCode: departmentCode, name: section),
                position: position, active: active, startDate: startDate))
    }

    /// The employee number.
    public static func key(of row: RosterRow) -> String { row.chief.employeeNumber }

    /// A department code must have one name in the file, and a name one code — checked on every
    /// record whose two department fields read, whatever else is wrong with it.
    public static func crossCheck(_ rows: [ParsedRow<RosterRow>], records: [ParsedRow<FieldReader>], file: String) -> [FileIssue] {
        var nameOfCode: [String: (String, Int)] = [:]
        var codeOfName: [String: (String, Int)] = [:]
        var issues: [FileIssue] = []
        for record in records {
            var fields = record.value
            guard let code = fields.code("departmentCode"), let name = fields.text("departmentName", maxLength: 100) else { continue }
            if let (known, line) = nameOfCode[code], known != name {
                issues.append(
                    FileIssue(
                        file: file, line: record.line, column: "部门名称",
                        message: "部门代码 \(code) 在第 \(line) 行的名称是「\(known)」，此处为「\(name)」"))
            } else if let (known, line) = codeOfName[name], known != code {
                issues.append(
                    FileIssue(
                        file: file, line: record.line, column: "部门代码",
                        message: "部门「\(name)」在第 \(line) 行的代码是 \(known)，此处为 \(code)"))
            } else {
                nameOfCode[code] = nameOfCode[code] ?? (name, record.line)
                codeOfName[name] = codeOfName[name] ?? (code, record.line)
            }
        }
        return issues
    }
}
