import PingyiCore

extension ImportWorkflow.Kind {
    /// What the office calls the list.
    public var label: String {
        switch self {
        case .roster: "部门、股室和股室长名册"
        case .merchants: "企业名单"
        case .dealings: "企业办事记录"
        case .supervisors: "特约监督员名单"
        case .assessment: "目标责任考核"
        case .problems: "问题受理登记"
        }
    }

    /// What importing the list again does, in the office's words, where it needs saying.
    public var reimportRule: String? {
        switch self {
        case .roster: "名册不分年度，是全县当前的名册：再次导入按工号更新；尚未发布的年度再计分时按当前名册，已发布年度的分数和排名不变。"
        case .merchants: "再次导入按统一社会信用代码更新；选填列留空的，保留已存的内容。"
        case .supervisors: "再次导入按编号更新；工作单位、联系电话留空的，保留已存的内容。"
        case .dealings, .assessment, .problems: nil
        }
    }

    /// The list's columns (`ImportFormat.columns`).
    public var columns: [CSVColumn] {
        switch self {
        case .roster: RosterFormat.columns
        case .merchants: MerchantFormat.columns
        case .dealings: DealingFormat.columns
        case .supervisors: SupervisorFormat.columns
        case .assessment: AssessmentFormat.columns
        case .problems: ProblemFormat.columns
        }
    }

    /// One filled-in example row of the template, column by column.
    public var example: [String] {
        switch self {
        case .roster: ["XZSP", "县行政审批服务局", "综合受理股", "G0101", "王芳", "股长", "2019-02-15", "是"]
        case .merchants: ["914403001922038216", "清河县某某科技有限公司", "信息技术", "张三", "13800000000"]
        case .dealings: ["914403001922038216", "2027", "XZSP"]
        case .supervisors: ["JD001", "薛敏", "人大代表", "县人大代表（城关镇）", "13800000000", "是"]
        case .assessment: ["XZSP", "", "85.5", "80", "90", "88", ""]
        case .problems: ["12345-2027-0001", "12345", "政务环境", "办理营业执照时窗口要求重复提交材料", "2027-01-05", "", ""]
        }
    }

    /// The template the console offers for download: a title row, the column names (the first
    /// name of each column), one example row.
    public var template: Spreadsheet {
        let header = columns.map { $0.names[0] }
        return Spreadsheet(
            title: "\(label)（导入模板：第二行为列名，请从第三行起填写，示例行可删除）", sheetName: "导入",
            columns: header.map { SpreadsheetColumn($0, width: Double(max(10, $0.count * 3))) },
            rows: [example.prefix(header.count).map { .text($0) } + Array(repeating: .empty, count: max(0, header.count - example.count))])
    }
}
